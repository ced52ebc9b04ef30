import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type PostgresPool, type SqliteDatabase } from 'kysely';
import type { Tables } from './tables';

// The query builder the repositories move to (ARCHITECTURE.md, "Production runner"): one typed,
// async API over either dialect. The SQLite one shares the engine's better-sqlite3 handle, so a
// repository converted to it sees the same data and transactions as the synchronous ones.

/** Prepared statements kept per SQL text; the run loop's few statements stay prepared. */
const STATEMENT_CACHE = 256;

/**
 * The better-sqlite3 handle under a SQLite Kysely, for the write paths a run repeats per batch or
 * item (the journal): they run the very queries Kysely compiled, synchronously, in one
 * better-sqlite3 transaction, instead of through Kysely's async transaction (a connection mutex,
 * BEGIN and COMMIT as queries, and promise hops for each statement).
 */
export interface SyncSqlite {
  /** Runs write `queries` (no RETURNING) in order as one transaction; throws (having rolled back) if one fails. */
  runAtomically(queries: readonly CompiledQuery[]): void;
  /** Whether a transaction is open on the connection (an async Kysely one, between its awaits). */
  inTransaction(): boolean;
}

const syncHandles = new WeakMap<Kysely<Tables>, SyncSqlite>();

/**
 * The synchronous handle of `k` when it is the engine's SQLite Kysely itself (not a transaction
 * of it); null on PostgreSQL and inside a Kysely transaction.
 */
export function syncSqliteOf(k: Kysely<Tables>): SyncSqlite | null {
  return syncHandles.get(k) ?? null;
}

/**
 * The handle as Kysely sees it, keeping its prepared statements: Kysely prepares every query it
 * runs, and SQLite parsing the journal's INSERT again for each batch cost a tight loop a fifth of
 * its speed. Least recently used statements are dropped past STATEMENT_CACHE. (Nothing streams a
 * query with `.stream()`: two iterations of one cached statement at once would collide.)
 */
function withStatementCache(db: Database.Database): SqliteDatabase & { prepare(sql: string): Database.Statement } {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = db.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}

export function sqliteKysely(db: Database.Database): Kysely<Tables> {
  const cached = withStatementCache(db);
  const k = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cached }) });
  // Built once: better-sqlite3 wraps the function in BEGIN / COMMIT (ROLLBACK when it throws).
  const runAll = db.transaction((queries: readonly CompiledQuery[]) => {
    for (const q of queries) cached.prepare(q.sql).run(q.parameters);
  });
  syncHandles.set(k, { runAtomically: (queries) => void runAll(queries), inTransaction: () => db.inTransaction });
  return k;
}

/** `pool`: pg's Pool, or one whose connections wait for the server (waiting-pool.ts). */
export function postgresKysely(pool: PostgresPool): Kysely<Tables> {
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}
