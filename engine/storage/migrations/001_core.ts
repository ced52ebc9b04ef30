import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'core: workflows, revisions, runs, steps, payloads',
  up(db) {
    db.exec(`
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
    `);
  },
};
