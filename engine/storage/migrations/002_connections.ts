import type { Migration } from './types';

// Connections: non-secret fields in `config` (JSON); each secret field sealed separately (AES-256-GCM
// envelope, bound to the connection id and field name) in `secrets` (JSON map field → ciphertext).
export const migration002: Migration = {
  version: 2,
  name: 'connections with encrypted secret fields',
  // IF NOT EXISTS: safe to re-run if this migration is renumbered for databases created before it was registered.
  *up(m) {
    const { json, timestamp } = m.types;
    yield* m.exec(
      m.schema.createTable('connections').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('installation_id', 'text')
        .addColumn('config', json, (c) => c.notNull())
        .addColumn('secrets', json, (c) => c.notNull())
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull()),
      m.schema.createIndex('connections_by_installation').ifNotExists().on('connections').column('installation_id'),
    );
  },
};
