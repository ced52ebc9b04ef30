import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'workflow state (poll watermarks) per installation and workflow',
  up(db) {
    db.exec(`
      CREATE TABLE workflow_state (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      );
    `);
  },
};
