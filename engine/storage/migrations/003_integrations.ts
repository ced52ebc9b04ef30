import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'integrations, releases, installations, user-specific versions, activity',
  up(db) {
    db.exec(`
      CREATE TABLE integrations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        required_connections TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      ALTER TABLE workflows ADD COLUMN integration_id TEXT REFERENCES integrations(id) ON DELETE SET NULL;

      CREATE TABLE releases (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL REFERENCES integrations(id),
        version INTEGER NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (integration_id, version)
      );
      -- One frozen workflow document per base workflow per release.
      CREATE TABLE released_versions (
        id TEXT PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES releases(id),
        workflow_id TEXT NOT NULL,
        name TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (release_id, workflow_id)
      );
      -- Released versions are immutable: the database itself refuses changes.
      CREATE TRIGGER released_versions_no_update BEFORE UPDATE ON released_versions
        BEGIN SELECT RAISE(ABORT, 'released_immutable'); END;
      CREATE TRIGGER released_versions_no_delete BEFORE DELETE ON released_versions
        BEGIN SELECT RAISE(ABORT, 'released_immutable'); END;
      CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases
        BEGIN SELECT RAISE(ABORT, 'released_immutable'); END;
      CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
        BEGIN SELECT RAISE(ABORT, 'released_immutable'); END;

      CREATE TABLE installations (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL REFERENCES integrations(id),
        customer_name TEXT NOT NULL,
        external_id TEXT,
        release_id TEXT REFERENCES releases(id),
        status TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        config TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE installation_connections (
        installation_id TEXT NOT NULL REFERENCES installations(id),
        key TEXT NOT NULL,
        connection_id TEXT NOT NULL,
        PRIMARY KEY (installation_id, key)
      );
      -- A user-specific version: one installation's fork of one base workflow.
      CREATE TABLE forks (
        id TEXT PRIMARY KEY,
        installation_id TEXT NOT NULL REFERENCES installations(id),
        workflow_id TEXT NOT NULL,
        ancestor_version_id TEXT NOT NULL REFERENCES released_versions(id),
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (installation_id, workflow_id)
      );
      CREATE TABLE fork_revisions (
        fork_id TEXT NOT NULL REFERENCES forks(id) ON DELETE CASCADE,
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        ancestor_version_id TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (fork_id, rev)
      );
      CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        installation_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX activity_by_installation ON activity (installation_id, id DESC);

      ALTER TABLE runs ADD COLUMN installation_id TEXT;
      ALTER TABLE runs ADD COLUMN version_ref TEXT;
      CREATE INDEX runs_by_installation ON runs (installation_id, started_at DESC);
    `);
  },
};
