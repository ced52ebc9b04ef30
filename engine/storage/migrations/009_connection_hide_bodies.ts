import type { Migration } from './types';

// Per connection: keep its response bodies out of step journals and events (issue 14). Checked
// before it is added, so the migration stays safe if it is renumbered when branches merge.
export const migration009: Migration = {
  version: 9,
  name: 'connections may hide their response bodies from run journals',
  *up(m) {
    const columns = yield* m.columns('connections');
    if (!columns.includes('hide_response_bodies')) {
      yield* m.exec(m.schema.alterTable('connections').addColumn('hide_response_bodies', 'integer', (c) => c.notNull().defaultTo(0)));
    }
  },
};
