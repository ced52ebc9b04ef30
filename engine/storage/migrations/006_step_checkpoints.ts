import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'step checkpoints: what a paged block had fetched, page by page, so a resumed run continues',
  *up(m) {
    yield* m.exec(
      m.schema.createTable('step_checkpoints')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('block_id', 'text', (c) => c.notNull())
        // The For Each path ("2.0"), or '-' at top level.
        .addColumn('iteration', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('value', m.types.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('step_checkpoints_pkey', ['run_id', 'block_id', 'iteration', 'seq']),
    );
  },
};
