import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type SqliteDatabase } from 'kysely';
import type { Tables } from './tables';

// The query builder the repositories move to (ARCHITECTURE.md, "Production runner"): one typed,
// async API over either dialect. The SQLite one shares the engine's better-sqlite3 handle, so a
// repository converted to it sees the same data and transactions as the synchronous ones.

/** Prepared statements kept per SQL text; the run loop's few statements stay prepared. */
const STATEMENT_CACHE = 256;

/**
 * The handle as Kysely sees it, keeping its prepared statements: Kysely prepares every query it
 * runs, and SQLite parsing the journal's INSERT again for each batch cost a tight loop a fifth of
 * its speed. Least recently used statements are dropped past STATEMENT_CACHE. (Nothing streams a
 * query with `.stream()`: two iterations of one cached statement at once would collide.)
 */
function withStatementCache(db: Database.Database): SqliteDatabase {
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
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(db) }) });
}

/** `pool`: pg's Pool, or one whose connections wait for the server (waiting-pool.ts). */
export function postgresKysely(pool: PostgresPool): Kysely<Tables> {
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}
