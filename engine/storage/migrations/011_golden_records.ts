import type { Migration } from './types';

// Golden records (issue 16): a few input records an analyst kept from a test sync or run, with the
// outputs each block produced for them, per installation and workflow. Replaying them through a
// newer version shows, before an upgrade, what would change in this customer's output.
export const migration011: Migration = {
  version: 11,
  name: 'golden records per installation and workflow',
  *up(m) {
    yield* m.exec(
      m.schema.createTable('golden_sets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('installation_id', 'text', (c) => c.notNull().references('installations.id'))
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source_run_id', 'text')
        .addColumn('version_ref', 'text')
        .addColumn('body', m.types.json, (c) => c.notNull())
        .addColumn('created_at', m.types.timestamp, (c) => c.notNull()),
      m.schema.createIndex('golden_sets_by_installation').on('golden_sets').columns(['installation_id', 'created_at']),
    );
  },
};
