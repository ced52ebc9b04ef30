import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'nested loop paths on steps; re-run lineage and test limits on runs',
  *up(m) {
    yield* m.exec(
      m.schema.alterTable('steps').addColumn('iteration_path', 'text'),
      // The first run of a re-run chain: idempotency keys come from it.
      m.schema.alterTable('runs').addColumn('root_run_id', 'text'),
      // A test sync's record limit, kept so a resumed or re-run test sync stays small.
      m.schema.alterTable('runs').addColumn('test_record_limit', 'integer'),
    );
  },
};
