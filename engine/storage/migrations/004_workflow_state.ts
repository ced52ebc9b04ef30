import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'workflow state (poll watermarks) per installation and workflow',
  *up(m) {
    yield* m.exec(
      m.schema.createTable('workflow_state')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', m.types.json, (c) => c.notNull())
        .addColumn('updated_at', m.types.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('workflow_state_pkey', ['scope', 'key']),
    );
  },
};
