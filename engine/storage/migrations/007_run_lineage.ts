import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'nested loop paths on steps; re-run lineage and test limits on runs',
  up(db) {
    db.exec(`
      ALTER TABLE steps ADD COLUMN iteration_path TEXT;
      -- The first run of a re-run chain: idempotency keys come from it.
      ALTER TABLE runs ADD COLUMN root_run_id TEXT;
      -- A test sync's record limit, kept so a resumed or re-run test sync stays small.
      ALTER TABLE runs ADD COLUMN test_record_limit INTEGER;
    `);
  },
};
