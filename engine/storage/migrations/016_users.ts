import type { Migration } from './types';

// Users with passwords and roles for `patchbay server` (issue 15), beside API keys. A password is
// kept only as a scrypt hash whose string carries its own salt and cost parameters, so the cost
// can be raised later without a migration. Keys made before roles existed were all-powerful, so
// they become admins: publishing with them keeps working.
export const migration016: Migration = {
  version: 16,
  name: 'server users with hashed passwords, and roles for users and API keys',
  *up(m) {
    const keyColumns = yield* m.columns('api_keys');
    if (!keyColumns.includes('role')) {
      yield* m.exec(m.schema.alterTable('api_keys').addColumn('role', 'text', (c) => c.notNull().defaultTo('admin')));
    }
    yield* m.exec(
      m.schema.createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        /** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (engine/secrets/password.ts). */
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', m.types.timestamp, (c) => c.notNull())
        .addColumn('password_changed_at', m.types.timestamp, (c) => c.notNull())
        .addColumn('last_sign_in_at', m.types.timestamp),
      m.schema.createTable('user_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', m.types.timestamp, (c) => c.notNull())
        .addColumn('expires_at', m.types.timestamp, (c) => c.notNull()),
      m.schema.createIndex('user_sessions_by_user').on('user_sessions').column('user_id'),
    );
  },
};
