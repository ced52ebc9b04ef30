import type { Migration } from './types';

// Connections: non-secret fields in `config` (JSON); each secret field sealed separately (AES-256-GCM
// envelope, bound to the connection id and field name) in `secrets` (JSON map field → ciphertext).
export const migration002: Migration = {
  version: 2,
  name: 'connections with encrypted secret fields',
  // IF NOT EXISTS: safe to re-run if this migration is renumbered for databases created before it was registered.
  up(db) {
    db.exec(`
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
    `);
  },
};
