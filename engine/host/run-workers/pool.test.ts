import { describe, expect, it } from 'vitest';
import { EventBus } from '../../runtime/event-bus';
import type { DatabaseSpec } from '../../storage/database-spec';
import { RunsRepo } from '../../storage/runs-repo';
import { openTestDatabase, TEST_POSTGRES_URL_ENV, type TestDialect } from '../../testing/test-database';
import { RunWorkers } from './pool';

/**
 * A database a worker cannot open, and how the run fails: a path under a file (Patchbay's own
 * files are broken), or a PostgreSQL database that does not exist (the database needs fixing).
 */
function unopenable(dialect: TestDialect): { spec: DatabaseSpec; code: string; named: string } {
  if (dialect === 'sqlite') return { spec: { sqlite: '/dev/null/patchbay.db' }, code: 'run_worker_failed', named: '/dev/null' };
  const url = new URL(process.env[TEST_POSTGRES_URL_ENV] ?? 'postgres://127.0.0.1:1/postgres');
  url.pathname = '/no_such_database';
  url.password = 's3cret'; // never shown
  return { spec: { postgres: url.toString() }, code: 'database_unavailable', named: 'database "no_such_database" does not exist' };
}

describe('run workers', () => {
  it('fail a run saying why when a worker cannot start: run_worker_failed, or database_unavailable when the database is the cause', async () => {
    const t = await openTestDatabase();
    const { spec, code, named } = unopenable(t.dialect);
    // The worker cannot open its database, so it never becomes ready.
    const workers = new RunWorkers({ size: 1, database: spec, key: new Uint8Array(32), events: new EventBus(), runs: new RunsRepo(t.database) });
    try {
      const refused = await workers.execute({ runId: 'r1', resumed: false }).then(() => null, (e: unknown) => e);
      expect(refused).toMatchObject({ code, message: expect.stringContaining(named) });
      expect(refused).toMatchObject({ message: expect.not.stringContaining('s3cret') });
    } finally {
      await workers.shutdown();
      await t.close();
    }
  });
});
