import type { Migration } from './types';

// Per connection: keep its response bodies out of step journals and events (issue 14). Checked
// before it is added, so the migration stays safe if it is renumbered when branches merge.
export const migration009: Migration = {
  version: 9,
  name: 'connections may hide their response bodies from run journals',
  up(db) {
    const columns = db.prepare('PRAGMA table_info(connections)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'hide_response_bodies')) {
      db.exec('ALTER TABLE connections ADD COLUMN hide_response_bodies INTEGER NOT NULL DEFAULT 0');
    }
  },
};
