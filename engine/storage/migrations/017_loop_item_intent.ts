import type { Migration } from './types';

// Intent before effect (issue 15): a For Each item whose body writes elsewhere is recorded as
// `started` before it sends anything, and becomes `finished` with its journal. An item found
// `started` after a crash is in doubt: its delivery may or may not have happened, so a resumed
// run asks the destination before sending again. Rows from before are all finished items.
// Checked before it is added, so the migration stays safe if it is renumbered when branches merge.
export const migration017: Migration = {
  version: 17,
  name: 'For Each items are recorded as started before their effects',
  *up(m) {
    const columns = yield* m.columns('loop_items');
    if (!columns.includes('state')) {
      yield* m.exec(m.schema.alterTable('loop_items').addColumn('state', 'text', (c) => c.notNull().defaultTo('finished')));
    }
  },
};
