import type { ClientBase } from 'pg';
import { migrationContext } from './context';
import { driveAsync, pending } from './drive';
import type { Migration, MigrationOp } from './types';

// PostgreSQL records each applied migration in `patchbay_migrations` (PostgreSQL has no
// user_version). A server and any number of workers may start at once against one database: an
// advisory lock lets one of them migrate while the others wait, then find nothing left to do.

/** Any constant: it only has to be the same in every Patchbay process sharing the database. */
const MIGRATION_LOCK = 7_243_200_115;

function answer(client: ClientBase, op: MigrationOp): Promise<unknown> {
  switch (op.kind) {
    case 'exec':
      return client.query(op.query.sql, [...op.query.parameters]).then(() => undefined);
    case 'rows':
      return client.query(op.query.sql, [...op.query.parameters]).then((r) => r.rows);
    case 'columns':
      return client
        .query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position', [op.table])
        .then((r) => r.rows.map((c) => c.column_name));
  }
}

async function currentVersion(client: ClientBase): Promise<number> {
  const r = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM patchbay_migrations');
  return r.rows[0]?.version ?? 0;
}

/**
 * Applies every migration above the database's recorded version (returned as `from`; the version
 * reached is `to`), each in its own transaction: PostgreSQL's DDL is transactional, so a failed
 * migration leaves nothing half-applied.
 * `client` must be one connection (a pg Client, or a client checked out of a Pool), not a Pool.
 */
export async function migratePostgres(client: ClientBase, migrations: readonly Migration[], upTo: number): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS patchbay_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const current = await currentVersion(client);
    for (const m of pending(migrations, current, upTo)) {
      await client.query('BEGIN');
      try {
        await driveAsync(m.up(migrationContext('postgres')), (op) => answer(client, op));
        await client.query('INSERT INTO patchbay_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (e) {
        // The migration's own error is the one to report, even if the connection is gone.
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    return { from: current, to: await currentVersion(client) };
  } finally {
    // A lost connection releases the lock by itself; its error must not hide the first one.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
