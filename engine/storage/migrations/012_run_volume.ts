import type { Migration } from './types';

export const migration012: Migration = {
  version: 12,
  name: 'runs at volume: crash accounting on runs, For Each items checkpointed as they finish',
  up(db) {
    db.exec(`
      -- Starts that found this run interrupted and made no progress since the previous such start:
      -- a run that crashed the engine twice in a row is not resumed again.
      ALTER TABLE runs ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0;
      -- Journal rows plus finished loop items when the run was last resumed (its progress mark).
      ALTER TABLE runs ADD COLUMN resume_mark INTEGER;
      -- The step's input or output was journaled as a summary (a live run's large list): a resumed
      -- run runs it again instead of reusing it.
      ALTER TABLE steps ADD COLUMN summarized INTEGER NOT NULL DEFAULT 0;
      -- One row per For Each item whose body finished, written in the same transaction as the
      -- item's journal rows: a resumed loop skips these and runs only the rest.
      CREATE TABLE loop_items (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        block_id TEXT NOT NULL,
        path TEXT NOT NULL, -- the enclosing loops' path ("2.0"), or '-' at top level
        idx INTEGER NOT NULL,
        result TEXT,
        PRIMARY KEY (run_id, block_id, path, idx)
      ) WITHOUT ROWID;
    `);
  },
};
