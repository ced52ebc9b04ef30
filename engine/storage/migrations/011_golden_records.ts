import type { Migration } from './types';

// Golden records (issue 16): a few input records an analyst kept from a test sync or run, with the
// outputs each block produced for them, per installation and workflow. Replaying them through a
// newer version shows, before an upgrade, what would change in this customer's output.
export const migration011: Migration = {
  version: 11,
  name: 'golden records per installation and workflow',
  up(db) {
    db.exec(`
      CREATE TABLE golden_sets (
        id TEXT PRIMARY KEY,
        installation_id TEXT NOT NULL REFERENCES installations(id),
        workflow_id TEXT NOT NULL,
        name TEXT NOT NULL,
        source_run_id TEXT,
        version_ref TEXT,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX golden_sets_by_installation ON golden_sets (installation_id, created_at);
    `);
  },
};
