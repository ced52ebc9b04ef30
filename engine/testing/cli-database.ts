import type { TestEngineDatabase } from './temp-engine';

// Test support: how a test hands its database to a CLI command, the way an operator does.

/** `--database URL` on PostgreSQL; nothing for the data folder's SQLite file. */
export function databaseArgs(db: TestEngineDatabase): string[] {
  return db.option.database ? ['--database', db.option.database] : [];
}

/** PATCHBAY_DATABASE_URL on PostgreSQL; nothing for the data folder's SQLite file. */
export function databaseEnv(db: TestEngineDatabase): Record<string, string> {
  return db.option.database ? { PATCHBAY_DATABASE_URL: db.option.database } : {};
}
