import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'step checkpoints: what a paged block had fetched, page by page, so a resumed run continues',
  up(db) {
    db.exec(`
      CREATE TABLE step_checkpoints (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        block_id TEXT NOT NULL,
        iteration TEXT NOT NULL, -- the For Each path ("2.0"), or '-' at top level
        seq INTEGER NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, block_id, iteration, seq)
      );
    `);
  },
};
