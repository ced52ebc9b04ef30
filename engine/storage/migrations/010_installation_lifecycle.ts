import type { Migration } from './types';

// Numbered after the connection settings (9).
// An installation is "configuring" until someone activates it; `enabled` then means "schedules and
// polls fire" (active) and a cleared `enabled` after an activation means paused. Installations made
// before lifecycles existed were already firing, so an enabled one counts as activated.
export const migration010: Migration = {
  version: 10,
  name: 'installation lifecycle: configuring until activated',
  up(db) {
    db.exec(`
      ALTER TABLE installations ADD COLUMN activated_at TEXT;
      UPDATE installations SET activated_at = updated_at WHERE status = 'installed' AND enabled = 1;
    `);
  },
};
