import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'steps remember the output port they took, so an interrupted run can resume',
  *up(m) {
    yield* m.exec(m.schema.alterTable('steps').addColumn('port', 'text'));
  },
};
