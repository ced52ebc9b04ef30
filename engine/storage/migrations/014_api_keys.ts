import type { Migration } from './types';

// API keys for `patchbay server` (issue 15): a team reaches the bridge with a key instead of the
// desktop's per-session loopback token. Only a SHA-256 digest of each key is kept; the key itself
// is shown once. A browser signs in with a key and gets a session (cookie), kept by digest too.
export const migration014: Migration = {
  version: 14,
  name: 'api keys and their browser sessions',
  *up(m) {
    yield* m.exec(
      m.schema.createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        /** The public part of the key (`pb_<12 hex>`), unique: the lookup before the constant-time compare. */
        .addColumn('prefix', 'text', (c) => c.notNull().unique())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', m.types.timestamp, (c) => c.notNull())
        .addColumn('last_used_at', m.types.timestamp)
        .addColumn('revoked_at', m.types.timestamp),
      m.schema.createTable('api_key_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id'))
        .addColumn('created_at', m.types.timestamp, (c) => c.notNull())
        .addColumn('expires_at', m.types.timestamp, (c) => c.notNull()),
      m.schema.createIndex('api_key_sessions_by_key').on('api_key_sessions').column('api_key_id'),
    );
  },
};
