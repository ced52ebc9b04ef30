import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeDatabase, openDatabaseSpec, type OpenedDatabase } from '../storage/database-spec';
import { freePort } from '../testing/services';
import { startPostgres, withClient, type TempPostgres } from '../testing/postgres';
import { tempDir, withEngine } from '../testing/temp-engine';
import type { CliIo } from './cli/command';
import { workerCommand } from './cli/worker';
import { createEngine } from './engine';
import { DatabaseWatch, OutageNotice } from '../storage/database-watch';

// The engine's PostgreSQL option and what happens when PostgreSQL goes away, on a throwaway
// cluster of this file's own (it is stopped and started again here, so it is not the shared one).

const PASSWORD = 'PLANTED-pg-password-5521';
let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

/** The cluster trusts loopback logins, so any password is accepted: one is put in to prove it never shows. */
async function databaseWithPassword(): Promise<string> {
  const url = new URL(await cluster.database());
  url.password = PASSWORD;
  return url.toString();
}

describe('createEngine on PostgreSQL', () => {
  it('migrates the database and keeps the runs it records there, with no SQLite file in the data dir', async () => {
    const url = await databaseWithPassword();
    const dir = tempDir();
    try {
      const engine = await createEngine({ dataDir: dir.path, database: url });
      try {
        const run = await engine.call('runs.start', { doc: { name: 'on postgres', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }], edges: [] }, wait: true });
        expect(run.status).toBe('succeeded');
        const stored = await withClient(url, (c) => c.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [run.id]));
        expect(stored.rows).toEqual([{ status: 'succeeded' }]);
      } finally {
        await engine.close();
      }
      expect(readdirSync(dir.path).filter((f) => f.startsWith('patchbay.db'))).toEqual([]);
      const applied = await withClient(url, (c) => c.query<{ n: string }>('SELECT count(*) AS n FROM patchbay_migrations'));
      expect(Number(applied.rows[0]?.n)).toBeGreaterThan(10);
    } finally {
      dir.remove();
    }
  });

  it('is what withEngine({ database: "postgres" }) opens', async () => {
    const dialect = await withEngine(async (engine) => (await sql<{ v: string }>`SELECT version() AS v`.execute(engine.context.database)).rows[0]?.v, { database: 'postgres' });
    expect(dialect).toMatch(/^PostgreSQL/);
  });

  it('says database_unavailable, with what to do and without the password, when PostgreSQL is not there', async () => {
    const dir = tempDir();
    try {
      const url = `postgres://patchbay:${PASSWORD}@127.0.0.1:${await freePort()}/patchbay`;
      const refused = await createEngine({ dataDir: dir.path, database: url }).then(() => null, (e: unknown) => e);
      expect(refused).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('Check that the server runs') });
      expect(JSON.stringify(refused) + String((refused as Error).message)).not.toContain(PASSWORD);
      await expect(createEngine({ dataDir: dir.path, database: 'mysql://127.0.0.1/patchbay' })).rejects.toMatchObject({ code: 'invalid_database_url' });
    } finally {
      dir.remove();
    }
  });
});

describe('--database on the command line', () => {
  it('is refused by patchbay worker when it is not a PostgreSQL URL, without the password', async () => {
    const dir = tempDir();
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: dir.path, env: {} };
    try {
      const refused = await workerCommand.run(['--data-dir', dir.path, '--redis', 'redis://127.0.0.1:1', '--database', `mysql://patchbay:${PASSWORD}@127.0.0.1/patchbay`], io).then(() => null, (e: unknown) => e);
      expect(refused).toMatchObject({ code: 'invalid_database_url' });
      expect(String((refused as Error).message)).not.toContain(PASSWORD);
    } finally {
      dir.remove();
    }
  });
});

describe('PostgreSQL going away', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabaseSpec({ postgres: await databaseWithPassword() });
    await opened.database.schema.createTable('outage_probe').addColumn('n', 'integer').execute();
  });
  afterAll(async () => {
    await cluster.start();
    await opened?.close();
  });

  it('leaves nothing half-written, reports database_unavailable, and a worker waits for it, saying so once, then carries on', async () => {
    const lines: string[] = [];
    const watch = new DatabaseWatch({
      probe: () => sql`SELECT 1`.execute(opened.database), describe: describeDatabase(opened.spec), log: (l) => lines.push(l), firstDelayMs: 20, maxDelayMs: 200,
    });
    await watch.available();
    expect(lines).toEqual([]);

    // The server stops between two writes of one transaction: neither is kept.
    const failed = await opened.database.transaction().execute(async (trx) => {
      await trx.insertInto('outage_probe' as never).values({ n: 1 } as never).execute();
      await cluster.pause();
      await trx.insertInto('outage_probe' as never).values({ n: 2 } as never).execute();
    }).then(() => null, (e: unknown) => opened.asUnavailable(e));
    expect(failed).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('is unavailable') });
    expect(JSON.stringify(failed) + String((failed as Error).message)).not.toContain(PASSWORD);

    // Two jobs find it gone at once: one message for the outage, both continue once it is back.
    const waiting = Promise.all([watch.available(), watch.available()]);
    await vi.waitFor(() => expect(lines).toHaveLength(1), { timeout: 20_000 });
    await cluster.start();
    await waiting;
    expect(lines).toEqual([
      expect.stringMatching(/^PostgreSQL at postgres:\/\/patchbay:\*\*\*@127\.0\.0\.1:\d+\/test_[0-9a-f]+ is unavailable: retrying in 0\.02s/),
      expect.stringMatching(/is available again\.$/),
    ]);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    const rows = await sql<{ n: number }>`SELECT n FROM outage_probe`.execute(opened.database);
    expect(rows.rows).toEqual([]);

    // The next outage is reported again.
    await cluster.pause();
    const again = watch.available();
    await vi.waitFor(() => expect(lines).toHaveLength(3), { timeout: 20_000 });
    await cluster.start();
    await again;
    expect(lines).toHaveLength(4);
  });
});

describe('a run thread\'s database through an outage', () => {
  it('makes its queries wait for PostgreSQL and answer once it is back, tells the outage once, and never sends a transaction\'s statement again alone', async () => {
    const told: string[] = [];
    const waiting = await openDatabaseSpec({ postgres: await databaseWithPassword() }, { waitForServer: new OutageNotice((line, state) => told.push(`${state}: ${line}`)) });
    try {
      await waiting.database.schema.createTable('paused').addColumn('n', 'integer').execute();
      await cluster.pause();
      // Three statements find the server gone at once: each waits, one message for all.
      const reads = Promise.all([1, 2, 3].map((n) => sql<{ n: number }>`SELECT ${n}::int AS n`.execute(waiting.database)));
      await vi.waitFor(() => expect(told).toHaveLength(1), { timeout: 20_000 });
      expect(told[0]).toMatch(/^begin: PostgreSQL at postgres:\/\/patchbay:\*\*\*@127\.0\.0\.1:\d+\/test_[0-9a-f]+ is unavailable: retrying/);
      await cluster.start();
      expect((await reads).map((r) => r.rows[0]?.n)).toEqual([1, 2, 3]);
      expect(told).toEqual([expect.stringMatching(/^begin: /), expect.stringMatching(/^end: .* is available again\.$/)]);

      // Inside a transaction the statement after the outage fails (its transaction is gone); the
      // caller repeats the whole transaction with retryWhileUnavailable, and it commits once.
      let tries = 0;
      const write = (): Promise<void> => waiting.database.transaction().execute(async (trx) => {
        tries++;
        await trx.insertInto('paused' as never).values({ n: 1 } as never).execute();
        if (tries === 1) await cluster.pause();
        await trx.insertInto('paused' as never).values({ n: 2 } as never).execute();
      });
      const committed = (waiting.retryWhileUnavailable ?? ((w) => w()))(write);
      await vi.waitFor(() => expect(told).toHaveLength(3), { timeout: 20_000 });
      await cluster.start();
      await committed;
      expect(tries).toBe(2);
      const rows = await sql<{ n: number }>`SELECT n FROM paused ORDER BY n`.execute(waiting.database);
      expect(rows.rows.map((r) => r.n)).toEqual([1, 2]);
      expect(told.join('\n')).not.toContain(PASSWORD);
    } finally {
      await cluster.start();
      await waiting.close();
    }
  });
});
