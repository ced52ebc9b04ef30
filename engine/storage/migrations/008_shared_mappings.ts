import type { Migration } from './types';

// Shared mappings: a named mapping is part of an integration (draft), frozen with each release,
// and an installation may hold its user-specific version of it (with the released ancestor it
// was made from, for diff and rebase).
export const migration008: Migration = {
  version: 8,
  name: 'shared mappings: drafts, released mappings, installations\' user-specific mappings',
  up(db) {
    db.exec(`
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
    `);
  },
};
