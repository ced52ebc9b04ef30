import type { Kysely } from 'kysely';
import { z } from 'zod';
import { openDatabase, type Db } from './db';
import { postgresKysely, sqliteKysely } from './kysely';
import { asDatabaseUnavailable, openPostgresPool, redactDatabaseUrl } from './postgres';
import type { Tables } from './tables';

// Which database an engine, a run worker or `patchbay worker` opens: the data folder's SQLite
// file (desktop, browser mode, CLI) or the server's PostgreSQL. Run workers and queue workers
// are handed the spec, not a handle, and open the same database themselves.

export const databaseSpecSchema = z.union([
  z.strictObject({ sqlite: z.string().min(1) }),
  z.strictObject({ postgres: z.string().min(1) }),
]);
export type DatabaseSpec = z.infer<typeof databaseSpecSchema>;

/** How the database may be named in logs and errors (a PostgreSQL URL without its password). */
export function describeDatabase(spec: DatabaseSpec): string {
  return 'sqlite' in spec ? spec.sqlite : redactDatabaseUrl(spec.postgres);
}

export interface OpenedDatabase {
  readonly spec: DatabaseSpec;
  /** Both dialects, through the query builder: the async repositories use it. */
  readonly database: Kysely<Tables>;
  /** The better-sqlite3 handle under `database` on SQLite, for what only a SQLite file has (compaction); null on PostgreSQL. */
  readonly sqlite: Db | null;
  /** A PostgreSQL error that means the server is down becomes `database_unavailable`; others pass. */
  asUnavailable(e: unknown): unknown;
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the database `spec` names. `onPoolError` hears of idle PostgreSQL
 * connections the server ended (a restart): the pool drops them, and the next query that finds
 * the server still gone fails as `database_unavailable`, so by default there is nothing to do.
 */
export async function openDatabaseSpec(spec: DatabaseSpec, onPoolError: (e: Error) => void = () => undefined): Promise<OpenedDatabase> {
  if ('sqlite' in spec) {
    const db = openDatabase(spec.sqlite);
    return { spec, database: sqliteKysely(db), sqlite: db, asUnavailable: (e) => e, close: async () => void db.close() };
  }
  const pool = await openPostgresPool(spec.postgres, onPoolError);
  const database = postgresKysely(pool);
  // Kysely's destroy ends the pool.
  return { spec, database, sqlite: null, asUnavailable: (e) => asDatabaseUnavailable(e, spec.postgres), close: () => database.destroy() };
}
