import { sql } from 'kysely';
import type { Migration } from './types';

// One word for a user-specific version in the schema as in the code and the contract: the tables,
// the revision key, the run and golden-record references ("fork:<id>" → "userVersion:<id>") and
// the activity actions ("fork_saved" → "user_version_saved") take the glossary's name.
export const migration013: Migration = {
  version: 13,
  name: 'user-specific versions named as in the glossary',
  *up(m) {
    const after = (prefix: string, column: string) => sql<string>`${sql.lit(prefix)} || substr(${sql.ref(column)}, 6)`;
    yield* m.exec(
      m.schema.alterTable('forks').renameTo('user_versions'),
      m.schema.alterTable('fork_revisions').renameTo('user_version_revisions'),
      m.schema.alterTable('user_version_revisions').renameColumn('fork_id', 'user_version_id'),
      m.db.updateTable('runs').set({ version_ref: after('userVersion:', 'version_ref') }).where('version_ref', 'like', 'fork:%'),
      m.db.updateTable('golden_sets').set({ version_ref: after('userVersion:', 'version_ref') }).where('version_ref', 'like', 'fork:%'),
      m.db.updateTable('activity').set({ action: after('user_version_', 'action') }).where('action', 'in', ['fork_created', 'fork_saved', 'fork_reverted', 'fork_rebased']),
    );
  },
};
