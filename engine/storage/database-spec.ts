import type { Kysely } from 'kysely';
import { z } from 'zod';
import { openDatabase, type Db } from './db';
import { postgresKysely, sqliteKysely } from './kysely';
import { DatabaseWatch, type OutageNotice } from './database-watch';
import { asDatabaseUnavailable, openPostgresPool, redactDatabaseUrl } from './postgres';
import { waitingPool, type RetryWhileUnavailable } from './waiting-pool';
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
  /**
   * Opened with `waitForServer`: repeats work (a whole transaction) lost with the server once it
   * answers again. Null: the database does not wait (SQLite, or a pool that fails at once).
   */
  readonly retryWhileUnavailable: RetryWhileUnavailable | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Hears of idle PostgreSQL connections the server ended (a restart): the pool drops them, and
   * the next query that finds the server still gone fails as `database_unavailable`, so by
   * default there is nothing to do.
   */
  readonly onPoolError?: (e: Error) => void;
  /**
   * On PostgreSQL: queries wait for a server that went away instead of failing, and the outage
   * is told here (a run thread: its run pauses where it is, see waiting-pool.ts).
   */
  readonly waitForServer?: OutageNotice;
}

/** Opens (and migrates) the database `spec` names. */
export async function openDatabaseSpec(spec: DatabaseSpec, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  if ('sqlite' in spec) {
    const db = openDatabase(spec.sqlite);
    return { spec, database: sqliteKysely(db), sqlite: db, asUnavailable: (e) => e, retryWhileUnavailable: null, close: async () => void db.close() };
  }
  const pool = await openPostgresPool(spec.postgres, options.onPoolError ?? (() => undefined));
  const notice = options.waitForServer;
  let database = postgresKysely(pool);
  let retryWhileUnavailable: RetryWhileUnavailable | null = null;
  if (notice) {
    const watch = new DatabaseWatch({ probe: () => pool.query('SELECT 1'), describe: redactDatabaseUrl(spec.postgres), notice });
    retryWhileUnavailable = (attempt) => watch.retry(attempt);
    database = postgresKysely(waitingPool(pool, retryWhileUnavailable));
  }
  // Kysely's destroy ends the pool.
  return { spec, database, sqlite: null, asUnavailable: (e) => asDatabaseUnavailable(e, spec.postgres), retryWhileUnavailable, close: () => database.destroy() };
}
