import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../engine/api';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../../engine/simulators/your-app';
import { backfillConnectionIds, backfillDoc } from '../../engine/testing/backfill';
import { startPostgres, withClient, type TempPostgres } from '../../engine/testing/postgres';
import { startRedis, type TempRedis } from '../../engine/testing/redis';
import { tempDir } from '../../engine/testing/temp-engine';
import { bridgeOf, startServer, startWorker, stopPatchbay, type Proc } from './patchbay-processes';

// Issue 15, "PostgreSQL unavailable: workers back off and say so; nothing half-written": the
// database stops (a fast shutdown, as an operator's restart does) while a `patchbay worker` is in
// the middle of a backfill, and comes back seconds later. The run waits where it was and goes on:
// it succeeds, Your App (ignoring Idempotency-Key) gets each order once, its record never said
// `failed`, and the outage cost it nothing of its crash budget. A cluster of its own: stopping
// the shared one would stop every other suite's database.

const ORDERS = 400;
const CONCURRENCY = 4;
const OUTAGE_MS = 4000;

let cluster: TempPostgres;
let database: string;
let redis: TempRedis;
let ns: NetSuiteSimulator;
let app: YourAppSimulator;
const account = demoAccountSpec({ orders: ORDERS });
beforeAll(async () => {
  cluster = await startPostgres();
  database = await cluster.database();
  redis = await startRedis();
  // Pages take a while to fetch, so the run is still far from its end when the database stops.
  ns = await startNetSuiteSimulator({ accounts: [account], latencyMs: 100 });
  app = await startYourAppSimulator({ ignoreIdempotencyKey: true });
}, 60_000);
afterAll(async () => {
  await ns?.close();
  await app?.close();
  await redis?.stop();
  await cluster?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TERMINAL = ['succeeded', 'failed', 'cancelled', 'stopped'];

describe('a queue worker through a PostgreSQL outage', () => {
  it(`PostgreSQL stopped for ${OUTAGE_MS / 1000} s mid-backfill: the worker says it waits, the run goes on and each of ${ORDERS} orders reaches Your App once`, async () => {
    const serverDir = tempDir();
    const workerDir = tempDir();
    const procs: Proc[] = [];
    try {
      const server = startServer(serverDir.path, database, redis.url);
      procs.push(server);
      const call = await bridgeOf(server);
      await call('connections.save', {
        id: backfillConnectionIds.netsuite, name: 'Customer NetSuite', kind: 'netsuite',
        values: { accountId: account.accountId, consumerKey: account.consumerKey, consumerSecret: account.consumerSecret, tokenId: account.tokenId, tokenSecret: account.tokenSecret, baseUrl: ns.url },
      });
      await call('connections.save', { id: backfillConnectionIds.yourApp, name: 'Your App', kind: 'your_app', values: { baseUrl: app.url, apiKey: app.apiKey } });
      copyFileSync(join(serverDir.path, 'secrets.key'), join(workerDir.path, 'secrets.key'));
      const worker = startWorker(workerDir.path, database, redis.url);
      procs.push(worker);
      await worker.ready;

      const run = await call<RunRecord>('runs.start', { doc: backfillDoc({ pageSize: 25, concurrency: CONCURRENCY }) });
      // Every status the run's record shows while it runs (the server cannot read it during the outage).
      const seen = new Set<string>();
      let finished: RunRecord | null = null;
      const watching = (async () => {
        while (!finished) {
          const now = await call<RunRecord>('runs.get', { id: run.id }).catch(() => null);
          if (now) seen.add(now.status);
          if (now && TERMINAL.includes(now.status)) finished = now;
          else await sleep(50);
        }
      })();

      while (app.stats().ordersReceived < ORDERS / 4) await sleep(10);
      await cluster.pause();
      const stoppedAt = app.stats().ordersReceived;
      await sleep(OUTAGE_MS);
      await cluster.start();
      await watching;

      const stats = app.stats();
      const detail = `database stopped after ${stoppedAt} orders: ${JSON.stringify(stats)}; statuses seen: ${[...seen].join(', ')}\nserver: ${server.stderr()}\nworker: ${worker.stderr()}`;
      expect(stoppedAt, detail).toBeLessThan(ORDERS);
      expect(finished, detail).toMatchObject({ status: 'succeeded', error: null });
      expect([...seen], detail).not.toContain('failed');
      expect(app.orders(), detail).toHaveLength(ORDERS);
      expect(stats.ordersCreated, detail).toBe(ORDERS);
      expect(stats.ordersUpdated, detail).toBe(0);
      // The operator was told, once, and told when it was over.
      expect(worker.stderr().match(/PostgreSQL at postgres:\/\/\S+ is unavailable: retrying/g), detail).toHaveLength(1);
      expect(worker.stderr(), detail).toMatch(/PostgreSQL at postgres:\/\/\S+ is available again/);
      // Waiting for the database is not a crash: the run's crash budget is untouched.
      const stored = await withClient(database, (c) => c.query<{ crash_count: number }>('SELECT crash_count FROM runs WHERE id = $1', [run.id]));
      expect(stored.rows[0]?.crash_count, detail).toBe(0);
    } finally {
      await Promise.all(procs.map(stopPatchbay));
      serverDir.remove();
      workerDir.remove();
    }
  }, 180_000);
});
