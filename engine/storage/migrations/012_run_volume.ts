import type { Migration } from './types';

export const migration012: Migration = {
  version: 12,
  name: 'runs at volume: crash accounting on runs, For Each items checkpointed as they finish',
  *up(m) {
    yield* m.exec(
      // Starts that found this run interrupted and made no progress since the previous such start:
      // a run that crashed the engine twice in a row is not resumed again.
      m.schema.alterTable('runs').addColumn('crash_count', 'integer', (c) => c.notNull().defaultTo(0)),
      // Journal rows plus finished loop items when the run was last resumed (its progress mark).
      m.schema.alterTable('runs').addColumn('resume_mark', 'integer'),
      // The step's input or output was journaled as a summary (a live run's large list): a resumed
      // run runs it again instead of reusing it.
      m.schema.alterTable('steps').addColumn('summarized', 'integer', (c) => c.notNull().defaultTo(0)),
      // One row per For Each item whose body finished, written in the same transaction as the
      // item's journal rows: a resumed loop skips these and runs only the rest.
      m.withoutRowid(
        m.schema.createTable('loop_items')
          .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
          .addColumn('block_id', 'text', (c) => c.notNull())
          // The enclosing loops' path ("2.0"), or '-' at top level.
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('idx', 'integer', (c) => c.notNull())
          .addColumn('result', m.types.json)
          .addPrimaryKeyConstraint('loop_items_pkey', ['run_id', 'block_id', 'path', 'idx']),
      ),
    );
  },
};
