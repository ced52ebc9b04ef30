import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../storage/db';
import { postgresKysely, sqliteKysely } from '../storage/kysely';
import { openPostgresPool } from '../storage/postgres';
import type { Tables } from '../storage/tables';
import { createDatabase, dropDatabase, startPostgres } from './postgres';

// Test support: a migrated database for one test, on the dialect the run asks for. `npm test`
// runs the files listed in vitest.pg.config.ts a second time on PostgreSQL: its globalSetup
// starts one cluster and sets these variables, and every test database then lives on it.

/** Set to 'postgres' by vitest.pg.config.ts's globalSetup. */
export const TEST_DATABASE_ENV = 'PATCHBAY_TEST_DATABASE';
/** The shared cluster's maintenance database (postgres://…/postgres), set with it. */
export const TEST_POSTGRES_URL_ENV = 'PATCHBAY_TEST_POSTGRES_URL';

export type TestDialect = 'sqlite' | 'postgres';

/** The dialect a test runs on unless it names one. */
export function defaultTestDialect(): TestDialect {
  return process.env[TEST_DATABASE_ENV] === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh PostgreSQL database: on the shared cluster when there is one, else on a cluster of its own. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = process.env[TEST_POSTGRES_URL_ENV];
  if (shared) {
    const url = await createDatabase(shared);
    return { url, drop: () => dropDatabase(shared, url) };
  }
  const cluster = await startPostgres();
  return { url: await cluster.database(), drop: () => cluster.stop() };
}

export interface TestDatabase {
  readonly dialect: TestDialect;
  readonly database: Kysely<Tables>;
  /** Everything stored, as text: the SQLite files' bytes, or every table's rows on PostgreSQL. */
  storedText(): Promise<string>;
  close(): Promise<void>;
}

export async function openTestDatabase(dialect: TestDialect = defaultTestDialect()): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-db-'));
    const db = openDatabase(join(dir, 'patchbay.db'));
    const database = sqliteKysely(db);
    return {
      dialect,
      database,
      storedText: async () => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        return readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
      },
      close: async () => {
        await database.destroy();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const fresh = await freshPostgresDatabase();
  // The engine's own pool: migrated, and an idle client the server ends (a test stopping the
  // cluster) does not crash the test process.
  const pool = await openPostgresPool(fresh.url, () => undefined);
  const database = postgresKysely(pool);
  return {
    dialect,
    database,
    storedText: async () => {
      const tables = await database.introspection.getTables();
      const rows = await Promise.all(tables.map((t) => pool.query(`SELECT * FROM ${pg.escapeIdentifier(t.name)}`).then((r) => JSON.stringify(r.rows))));
      return rows.join('\n');
    },
    close: async () => {
      await database.destroy();
      await fresh.drop();
    },
  };
}
