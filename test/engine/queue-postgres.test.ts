import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../engine/api';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../../engine/simulators/your-app';
import { backfillConnectionIds, backfillDoc } from '../../engine/testing/backfill';
import { withClient } from '../../engine/testing/postgres';
import { startRedis, type TempRedis } from '../../engine/testing/redis';
import { tempDir } from '../../engine/testing/temp-engine';
import { freshPostgresDatabase } from '../../engine/testing/test-database';
import { bridgeOf, startServer, startWorker, stopPatchbay, type Proc } from './patchbay-processes';

// Issue 15's production runner with nothing shared but PostgreSQL and Redis: a real
// `patchbay server --database postgres://… --redis …` and two `patchbay worker` processes, each
// on a data dir of its own (only the master key copied in, as an operator would), so no SQLite
// file can carry a run between them. The worker running a backfill is killed with SIGKILL; the
// other resumes it from the checkpoints in PostgreSQL, and Your App (ignoring Idempotency-Key)
// gets each order once.

const ORDERS = Number(process.env.QUEUE_CRASH_ORDERS ?? 2000);
const CONCURRENCY = 4;

let database: { url: string; drop(): Promise<void> };
let redis: TempRedis;
let ns: NetSuiteSimulator;
let app: YourAppSimulator;
const account = demoAccountSpec({ orders: ORDERS });
beforeAll(async () => {
  database = await freshPostgresDatabase();
  redis = await startRedis();
  ns = await startNetSuiteSimulator({ accounts: [account] });
  app = await startYourAppSimulator({ ignoreIdempotencyKey: true });
}, 60_000);
afterAll(async () => {
  await ns?.close();
  await app?.close();
  await redis?.stop();
  await database?.drop();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('patchbay server and workers on PostgreSQL', () => {
  it(`a backfill of ${ORDERS} orders survives its worker's SIGKILL on another worker with its own data dir, each order reaching Your App once`, async () => {
    const serverDir = tempDir();
    const workerDirs = [tempDir(), tempDir()];
    const procs: Proc[] = [];
    try {
      const server = startServer(serverDir.path, database.url, redis.url);
      procs.push(server);
      const call = await bridgeOf(server);
      await call('connections.save', {
        id: backfillConnectionIds.netsuite, name: 'Customer NetSuite', kind: 'netsuite',
        values: { accountId: account.accountId, consumerKey: account.consumerKey, consumerSecret: account.consumerSecret, tokenId: account.tokenId, tokenSecret: account.tokenSecret, baseUrl: ns.url },
      });
      await call('connections.save', { id: backfillConnectionIds.yourApp, name: 'Your App', kind: 'your_app', values: { baseUrl: app.url, apiKey: app.apiKey } });
      // What an operator copies to each worker machine: the master key, to decrypt connections.
      for (const w of workerDirs) copyFileSync(join(serverDir.path, 'secrets.key'), join(w.path, 'secrets.key'));

      const first = startWorker(workerDirs[0]?.path ?? '', database.url, redis.url);
      procs.push(first);
      await first.ready;
      const run = await call<RunRecord>('runs.start', { doc: backfillDoc({ pageSize: 100, concurrency: CONCURRENCY }) });
      while (app.stats().ordersReceived < ORDERS / 3) await sleep(10);
      // Killed at once, before the second worker starts: a worker starting takes long enough for
      // the first to finish the whole backfill, and then nothing would be left to take over.
      first.proc.kill('SIGKILL');
      await first.exited;
      const killedAt = app.stats().ordersReceived;
      const second = startWorker(workerDirs[1]?.path ?? '', database.url, redis.url);
      procs.push(second);
      await second.ready;
      let finished = await call<RunRecord>('runs.get', { id: run.id });
      while (finished.status === 'queued' || finished.status === 'running') {
        await sleep(100);
        finished = await call<RunRecord>('runs.get', { id: run.id });
      }

      const stats = app.stats();
      const detail = `killed after ${killedAt} orders: ${JSON.stringify(stats)}\nserver: ${server.stderr()}\nworker: ${second.stderr()}`;
      expect(finished.status, detail).toBe('succeeded');
      expect(app.orders(), detail).toHaveLength(ORDERS);
      expect(stats.ordersCreated, detail).toBe(ORDERS);
      // Exactly once: the deliveries in flight at the kill were looked up in Your App, not sent again.
      expect(stats.ordersReceived, detail).toBe(ORDERS);
      expect(stats.ordersUpdated, detail).toBe(0);
      // The second worker continued from the first one's checkpoints: it did not start over.
      expect(killedAt, detail).toBeLessThan(ORDERS);
      // The run and its journal are in PostgreSQL; no process kept a SQLite file.
      const stored = await withClient(database.url, (c) => c.query<{ status: string; steps: string }>(
        'SELECT r.status, (SELECT count(*) FROM steps s WHERE s.run_id = r.id) AS steps FROM runs r WHERE r.id = $1', [run.id]));
      expect(stored.rows[0]?.status).toBe('succeeded');
      expect(Number(stored.rows[0]?.steps)).toBeGreaterThan(0);
      for (const dir of [serverDir, ...workerDirs]) expect(readdirSync(dir.path).filter((f) => f.startsWith('patchbay.db'))).toEqual([]);
    } finally {
      await Promise.all(procs.map(stopPatchbay));
      serverDir.remove();
      for (const w of workerDirs) w.remove();
    }
  }, 240_000);
});
