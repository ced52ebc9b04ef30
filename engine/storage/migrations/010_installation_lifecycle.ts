import { sql } from 'kysely';
import type { Migration } from './types';

// Numbered after the connection settings (9).
// An installation is "configuring" until someone activates it; `enabled` then means "schedules and
// polls fire" (active) and a cleared `enabled` after an activation means paused. Installations made
// before lifecycles existed were already firing, so an enabled one counts as activated.
export const migration010: Migration = {
  version: 10,
  name: 'installation lifecycle: configuring until activated',
  *up(m) {
    yield* m.exec(
      m.schema.alterTable('installations').addColumn('activated_at', m.types.timestamp),
      m.db.updateTable('installations').set({ activated_at: sql.ref('updated_at') }).where('status', '=', 'installed').where('enabled', '=', 1),
    );
  },
};
