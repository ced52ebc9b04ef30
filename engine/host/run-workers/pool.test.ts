import { describe, expect, it } from 'vitest';
import { EventBus } from '../../runtime/event-bus';
import { openDatabase } from '../../storage/db';
import { RunsRepo } from '../../storage/runs-repo';
import { sqliteKysely } from '../../storage/kysely';
import { tempDir } from '../../testing/temp-engine';
import { RunWorkers } from './pool';

describe('run workers', () => {
  it('fail a run with run_worker_failed, saying why, when a worker cannot start', async () => {
    const dir = tempDir();
    const db = openDatabase(`${dir.path}/patchbay.db`);
    // A database path under a file: the worker cannot open it, so it never becomes ready.
    const workers = new RunWorkers({ size: 1, database: { sqlite: '/dev/null/patchbay.db' }, key: new Uint8Array(32), events: new EventBus(), runs: new RunsRepo(sqliteKysely(db)) });
    try {
      await expect(workers.execute({ runId: 'r1', resumed: false })).rejects.toMatchObject({ code: 'run_worker_failed', message: expect.stringContaining('/dev/null') });
    } finally {
      await workers.shutdown();
      db.close();
      dir.remove();
    }
  });
});
