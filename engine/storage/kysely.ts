import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { Tables } from './tables';

// The query builder the repositories move to (ARCHITECTURE.md, "Production runner"): one typed,
// async API over either dialect. The SQLite one shares the engine's better-sqlite3 handle, so a
// repository converted to it sees the same data and transactions as the synchronous ones.

export function sqliteKysely(db: Database.Database): Kysely<Tables> {
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: db }) });
}

export function postgresKysely(pool: pg.Pool): Kysely<Tables> {
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}
