import type { Migration } from './types';

// One word for a user-specific version in the schema as in the code and the contract: the tables,
// the revision key, the run and golden-record references ("fork:<id>" → "userVersion:<id>") and
// the activity actions ("fork_saved" → "user_version_saved") take the glossary's name.
export const migration013: Migration = {
  version: 13,
  name: 'user-specific versions named as in the glossary',
  up(db) {
    db.exec(`
      ALTER TABLE forks RENAME TO user_versions;
      ALTER TABLE fork_revisions RENAME TO user_version_revisions;
      ALTER TABLE user_version_revisions RENAME COLUMN fork_id TO user_version_id;
      UPDATE runs SET version_ref = 'userVersion:' || substr(version_ref, 6) WHERE version_ref LIKE 'fork:%';
      UPDATE golden_sets SET version_ref = 'userVersion:' || substr(version_ref, 6) WHERE version_ref LIKE 'fork:%';
      UPDATE activity SET action = 'user_version_' || substr(action, 6) WHERE action IN ('fork_created', 'fork_saved', 'fork_reverted', 'fork_rebased');
    `);
  },
};
