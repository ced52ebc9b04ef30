import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'core: workflows, revisions, runs, steps, payloads',
  *up(m) {
    const { json, timestamp, real } = m.types;
    yield* m.exec(
      m.schema.createTable('workflows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull()),
      m.schema.createTable('workflow_revisions')
        .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('saved_at', timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('workflow_revisions_pkey', ['workflow_id', 'rev']),
      m.schema.createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text')
        .addColumn('workflow_name', 'text', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('input', json)
        .addColumn('error', json)
        .addColumn('stop_reason', 'text')
        .addColumn('started_at', timestamp, (c) => c.notNull())
        .addColumn('finished_at', timestamp)
        .addColumn('step_count', 'integer', (c) => c.notNull().defaultTo(0)),
      m.schema.createIndex('runs_by_workflow').on('runs').columns(['workflow_id', 'started_at desc']),
      m.schema.createTable('steps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('block_id', 'text', (c) => c.notNull())
        .addColumn('block_kind', 'text', (c) => c.notNull())
        .addColumn('iteration', 'integer')
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('input', json)
        .addColumn('output', json)
        .addColumn('error', json)
        .addColumn('started_at', timestamp, (c) => c.notNull())
        .addColumn('finished_at', timestamp)
        .addColumn('duration_ms', real),
      m.schema.createIndex('steps_by_run').on('steps').columns(['run_id', 'seq']),
      // Large step payloads are stored once, by content hash, and referenced from steps.
      m.schema.createTable('payloads')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('body', json, (c) => c.notNull()),
    );
  },
};
