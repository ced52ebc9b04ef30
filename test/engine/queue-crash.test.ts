import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/host/engine';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../../engine/simulators/your-app';
import { backfillDoc, saveBackfillConnections } from '../../engine/testing/backfill';
import { startRedis, type TempRedis } from '../../engine/testing/redis';
import { databaseArgs } from '../../engine/testing/cli-database';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../engine/testing/temp-engine';

// Failure is normal in the production runner: `patchbay worker` processes (real ones, from
// bin/patchbay) share a data directory with a server engine and a real Redis. A worker killed
// with SIGKILL mid-backfill leaves its job stalled; another worker takes it over and continues
// after the last per-item checkpoint; Your App, told to ignore Idempotency-Key, gets each order once.
// In the PostgreSQL run the server engine and the workers share a fresh PostgreSQL database too
// (`--database`), as deployed; test/engine/queue-postgres gives each worker a data dir of its own.

const ORDERS = Number(process.env.QUEUE_CRASH_ORDERS ?? 5000);
const CONCURRENCY = 4;
const bin = fileURLToPath(new URL('../../bin/patchbay', import.meta.url));

let redis: TempRedis;
let ns: NetSuiteSimulator;
let app: YourAppSimulator;
const account = demoAccountSpec({ orders: ORDERS });
beforeAll(async () => {
  redis = await startRedis();
  ns = await startNetSuiteSimulator({ accounts: [account] });
  app = await startYourAppSimulator({ ignoreIdempotencyKey: true });
}, 30_000);
afterAll(async () => {
  await ns.close();
  await app.close();
  await redis.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface WorkerProcess {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  /** What it said to the operator so far. */
  stderr(): string;
}

/** Short locks, so a killed worker's job is taken over within seconds (the defaults are 30 s / 15 s). */
function startWorker(dataDir: string, db: TestEngineDatabase, redisUrl: string): WorkerProcess {
  const proc = spawn(bin, ['worker', '--data-dir', dataDir, ...databaseArgs(db), '--redis', redisUrl, '--threads', '1', '--lock-duration', '2000', '--stalled-interval', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('"ready"')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, ready, exited, stderr: () => stderr };
}

async function stop(w: WorkerProcess): Promise<void> {
  if (w.proc.exitCode !== null || w.proc.signalCode !== null) return;
  w.proc.kill('SIGTERM');
  await w.exited;
}

describe('queue workers under failure', () => {
  it(`a worker killed mid-backfill: another takes the job over and each of ${ORDERS} orders reaches Your App once`, async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option, queue: { url: redis.url }, retention: false });
    const workers: WorkerProcess[] = [];
    try {
      await saveBackfillConnections(engine.context.connections, { account, netsuiteUrl: ns.url, yourAppUrl: app.url, yourAppKey: app.apiKey });
      await engine.context.secrets.refresh();
      const first = startWorker(dir.path, db, redis.url);
      workers.push(first);
      await first.ready;
      const run = await engine.call('runs.start', { doc: backfillDoc({ pageSize: 100, concurrency: CONCURRENCY }) });
      while (app.stats().ordersReceived < ORDERS / 3) await sleep(10);
      const second = startWorker(dir.path, db, redis.url);
      workers.push(second);
      await second.ready;
      first.proc.kill('SIGKILL');
      await first.exited;
      const killedAt = app.stats().ordersReceived;
      await engine.idle();

      const finished = await engine.call('runs.get', { id: run.id });
      const stats = app.stats();
      const detail = `killed after ${killedAt} orders: ${JSON.stringify(stats)}`;
      expect(finished.status, detail).toBe('succeeded');
      expect(app.orders(), detail).toHaveLength(ORDERS);
      expect(stats.ordersCreated, detail).toBe(ORDERS);
      // Exactly once: the deliveries in flight at the kill were looked up in Your App, not sent again.
      expect(stats.ordersReceived, detail).toBe(ORDERS);
      expect(stats.ordersUpdated, detail).toBe(0);
      // The second worker continued: it did not start the backfill over.
      expect(killedAt, detail).toBeLessThan(ORDERS);
    } finally {
      await Promise.all(workers.map(stop));
      await engine.close();
      await db.drop();
      dir.remove();
    }
  }, 240_000);

  it('Redis restarted mid-run (its data lost): the run continues and every order reaches Your App once', async () => {
    // A Your App of its own: the first test's orders are in the other one.
    const app = await startYourAppSimulator({ ignoreIdempotencyKey: true });
    const dir = tempDir();
    const db = await testDatabase();
    // Waiting runs are enqueued again once the workers' 2 s locks have run out.
    const engine = await createEngine({ dataDir: dir.path, ...db.option, queue: { url: redis.url, requeueDelay: 2500 }, retention: false });
    const workers: WorkerProcess[] = [];
    try {
      await saveBackfillConnections(engine.context.connections, { account, netsuiteUrl: ns.url, yourAppUrl: app.url, yourAppKey: app.apiKey });
      await engine.context.secrets.refresh();
      for (let i = 0; i < 2; i++) workers.push(startWorker(dir.path, db, redis.url));
      await Promise.all(workers.map((w) => w.ready));
      const run = await engine.call('runs.start', { doc: backfillDoc({ pageSize: 100, concurrency: CONCURRENCY }) });
      while (app.stats().ordersReceived < ORDERS / 3) await sleep(10);
      const port = redis.port;
      await redis.stop();
      redis = await startRedis({ port });
      const restartedAt = app.stats().ordersReceived;
      await engine.idle();

      const finished = await engine.call('runs.get', { id: run.id });
      const stats = app.stats();
      const detail = `Redis restarted after ${restartedAt} orders: ${JSON.stringify(stats)}`;
      expect(finished.status, detail).toBe('succeeded');
      expect(app.orders(), detail).toHaveLength(ORDERS);
      expect(stats.ordersCreated, detail).toBe(ORDERS);
      // Exactly once: deliveries in flight when the run stopped on its first worker were looked up
      // in Your App by the worker that took it over, not sent again.
      expect(stats.ordersReceived, detail).toBe(ORDERS);
      expect(stats.ordersUpdated, detail).toBe(0);
      // It got there the way the design says: the worker running it lost its lock and stopped it.
      expect(workers.map((w) => w.stderr()).join('\n')).toContain(`lost the queue's lock on run ${run.id}`);
    } finally {
      await Promise.all(workers.map(stop));
      await engine.close();
      await db.drop();
      await app.close();
      dir.remove();
    }
  }, 240_000);
});
