import type Database from 'better-sqlite3';

// Test support: migrations 1 to 12 exactly as they shipped, in raw SQLite SQL, before they were
// re-expressed for both dialects (engine/storage/migrations). Databases in users' hands were made
// by these; the schema tests check that the new definitions build the same schema from scratch and
// that a database left at any of these versions migrates on. Frozen: never edit, never extend.
export const legacySqliteMigrations: ReadonlyArray<{ readonly version: number; readonly sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE workflows (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE workflow_revisions (
        workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (workflow_id, rev)
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        workflow_id TEXT,
        workflow_name TEXT NOT NULL,
        doc TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL,
        input TEXT,
        error TEXT,
        stop_reason TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        step_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at DESC);
      CREATE TABLE steps (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        block_id TEXT NOT NULL,
        block_kind TEXT NOT NULL,
        iteration INTEGER,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL,
        input TEXT,
        output TEXT,
        error TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        duration_ms REAL
      );
      CREATE INDEX steps_by_run ON steps (run_id, seq);
      -- Large step payloads are stored once, by content hash, and referenced from steps.
      CREATE TABLE payloads (
        hash TEXT PRIMARY KEY,
        body TEXT NOT NULL
      );

    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE IF NOT EXISTS connections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        installation_id TEXT,
        config TEXT NOT NULL,
        secrets TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS connections_by_installation ON connections(installation_id);

    `,
  },
  {
    version: 3,
    sql: `
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

    `,
  },
  {
    version: 4,
    sql: `
      CREATE TABLE workflow_state (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      );

    `,
  },
  {
    version: 5,
    sql: `
      ALTER TABLE steps ADD COLUMN port TEXT;
    `,
  },
  {
    version: 6,
    sql: `
      CREATE TABLE step_checkpoints (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        block_id TEXT NOT NULL,
        iteration TEXT NOT NULL, -- the For Each path ("2.0"), or '-' at top level
        seq INTEGER NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, block_id, iteration, seq)
      );

    `,
  },
  {
    version: 7,
    sql: `
      ALTER TABLE steps ADD COLUMN iteration_path TEXT;
      -- The first run of a re-run chain: idempotency keys come from it.
      ALTER TABLE runs ADD COLUMN root_run_id TEXT;
      -- A test sync's record limit, kept so a resumed or re-run test sync stays small.
      ALTER TABLE runs ADD COLUMN test_record_limit INTEGER;

    `,
  },
  {
    version: 8,
    sql: `
      CREATE TABLE mappings (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL REFERENCES integrations(id),
        name TEXT NOT NULL,
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (integration_id, name)
      );
      CREATE TABLE released_mappings (
        id TEXT PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES releases(id),
        mapping_id TEXT NOT NULL,
        name TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (release_id, mapping_id),
        UNIQUE (release_id, name)
      );
      CREATE TRIGGER released_mappings_no_update BEFORE UPDATE ON released_mappings
        BEGIN SELECT RAISE(ABORT, 'released_immutable'); END;
      CREATE TRIGGER released_mappings_no_delete BEFORE DELETE ON released_mappings
        BEGIN SELECT RAISE(ABORT, 'released_immutable'); END;
      CREATE TABLE installation_mappings (
        id TEXT PRIMARY KEY,
        installation_id TEXT NOT NULL REFERENCES installations(id),
        mapping_id TEXT NOT NULL,
        ancestor_id TEXT NOT NULL REFERENCES released_mappings(id),
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (installation_id, mapping_id)
      );

    `,
  },
  {
    version: 9,
    sql: `
      ALTER TABLE connections ADD COLUMN hide_response_bodies INTEGER NOT NULL DEFAULT 0
    `,
  },
  {
    version: 10,
    sql: `
      ALTER TABLE installations ADD COLUMN activated_at TEXT;
      UPDATE installations SET activated_at = updated_at WHERE status = 'installed' AND enabled = 1;

    `,
  },
  {
    version: 11,
    sql: `
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

    `,
  },
  {
    version: 12,
    sql: `
      -- Starts that found this run interrupted and made no progress since the previous such start:
      -- a run that crashed the engine twice in a row is not resumed again.
      ALTER TABLE runs ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0;
      -- Journal rows plus finished loop items when the run was last resumed (its progress mark).
      ALTER TABLE runs ADD COLUMN resume_mark INTEGER;
      -- The step's input or output was journaled as a summary (a live run's large list): a resumed
      -- run runs it again instead of reusing it.
      ALTER TABLE steps ADD COLUMN summarized INTEGER NOT NULL DEFAULT 0;
      -- One row per For Each item whose body finished, written in the same transaction as the
      -- item's journal rows: a resumed loop skips these and runs only the rest.
      CREATE TABLE loop_items (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        block_id TEXT NOT NULL,
        path TEXT NOT NULL, -- the enclosing loops' path ("2.0"), or '-' at top level
        idx INTEGER NOT NULL,
        result TEXT,
        PRIMARY KEY (run_id, block_id, path, idx)
      ) WITHOUT ROWID;

    `,
  },
];

/** Brings a database to `upTo` with the shipped SQL, as a Patchbay of that time would have. */
export function applyLegacyMigrations(db: Database.Database, upTo: number): void {
  for (const m of legacySqliteMigrations) {
    if (m.version > upTo) break;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
