import { describe, expect, it } from 'vitest';
import { EventBus } from '../../runtime/event-bus';
import type { DatabaseSpec } from '../../storage/database-spec';
import { RunsRepo } from '../../storage/runs-repo';
import { openTestDatabase, TEST_POSTGRES_URL_ENV, type TestDialect } from '../../testing/test-database';
import { RunWorkers } from './pool';

/** A database a worker cannot open, and what its refusal names: a path under a file, or a PostgreSQL database that does not exist. */
function unopenable(dialect: TestDialect): { spec: DatabaseSpec; named: string } {
  if (dialect === 'sqlite') return { spec: { sqlite: '/dev/null/patchbay.db' }, named: '/dev/null' };
  const url = new URL(process.env[TEST_POSTGRES_URL_ENV] ?? 'postgres://127.0.0.1:1/postgres');
  url.pathname = '/no_such_database';
  return { spec: { postgres: url.toString() }, named: 'no_such_database' };
}

describe('run workers', () => {
  it('fail a run with run_worker_failed, saying why, when a worker cannot start', async () => {
    const t = await openTestDatabase();
    const { spec, named } = unopenable(t.dialect);
    // The worker cannot open its database, so it never becomes ready.
    const workers = new RunWorkers({ size: 1, database: spec, key: new Uint8Array(32), events: new EventBus(), runs: new RunsRepo(t.database) });
    try {
      await expect(workers.execute({ runId: 'r1', resumed: false })).rejects.toMatchObject({ code: 'run_worker_failed', message: expect.stringContaining(named) });
    } finally {
      await workers.shutdown();
      await t.close();
    }
  });
});
