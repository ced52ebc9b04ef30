import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/host/engine';
import { RUNS_QUEUE } from '../engine/host/queue/job';
import { bullConnection } from '../engine/host/queue/redis';
import { demoAccountSpec, startNetSuiteSimulator } from '../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../engine/simulators/your-app';
import { backfillConnectionIds, backfillDoc, saveBackfillConnections } from '../engine/testing/backfill';
import { startPostgres, type TempPostgres } from '../engine/testing/postgres';
import { startRedis } from '../engine/testing/redis';
import { tempDir } from '../engine/testing/temp-engine';
import { countPgCommits } from './pg-commits';
import type { BenchResult, BenchSuite } from './types';
import { countCommits } from './wal-commits';

// `npm run bench -- workers [--orders N] [--installations K] [--database postgres|sqlite]`: the
// production runner as deployed. N orders (default 20,000) split across K installations (default
// 40), each its own NetSuite account and Your App, backfilled through Redis by 1, 2 and 4
// `patchbay worker --database postgres://… --redis …` processes, each with a data folder of its
// own (only secrets.key copied in, as an operator does), on one throwaway PostgreSQL. The server
// engine is this process, built by createEngine exactly as `patchbay server --database … --redis …`
// builds it (without the HTTP front, which runs play no part in), so it sees each run start.
// Per configuration: orders/s (the 1-worker run is the baseline), queue latency from enqueue to
// the run's start (p50/p95), and database commits per delivered order (PostgreSQL's
// pg_stat_database.xact_commit for that database). `--database sqlite`: the desktop baseline,
// workers sharing the server's data folder, commits counted from the SQLite WAL.

type Dialect = 'postgres' | 'sqlite';

const bin = fileURLToPath(new URL('../bin/patchbay', import.meta.url));
const CONFIGURATIONS = [1, 2, 4] as const;

function flag(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number, e.g. --${name} ${fallback}`);
  return n;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function dialectFlag(args: readonly string[]): Dialect {
  const i = args.indexOf('--database');
  const value = i >= 0 ? args[i + 1] : 'postgres';
  if (value !== 'postgres' && value !== 'sqlite') throw new Error(`--database takes postgres or sqlite, not "${value}"`);
  return value;
}

function startWorker(dataDir: string, database: string | null, redisUrl: string): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(bin, ['worker', '--data-dir', dataDir, ...(database ? ['--database', database] : []), '--redis', redisUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  proc.stderr?.on('data', (c: Buffer) => (said += c.toString()));
  proc.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(said);
  });
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('"ready"')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`a worker exited (${code}) before it was ready`)));
  });
  return { proc, ready };
}

interface Figures {
  readonly ordersPerSecond: number;
  readonly latencies: readonly number[];
  readonly commitsPerOrder: number;
}

/** `database`: a fresh PostgreSQL database for this configuration, or null for the data folder's SQLite file. */
async function configuration(workers: number, orders: number, installations: number, redisUrl: string, database: string | null): Promise<Figures> {
  const per = Math.floor(orders / installations);
  const accounts = Array.from({ length: installations }, (_, i) => demoAccountSpec({ accountId: `${1000 + i}_SB1`, orders: per + (i < orders % installations ? 1 : 0), seed: 42 + i }));
  const ns = await startNetSuiteSimulator({ accounts });
  const apps: YourAppSimulator[] = [];
  for (let i = 0; i < installations; i++) apps.push(await startYourAppSimulator());
  const dir = tempDir('patchbay-bench-workers-');
  const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redisUrl }) });
  await queue.obliterate({ force: true });
  const workerDirs = database ? Array.from({ length: workers }, () => tempDir('patchbay-bench-worker-')) : [];
  const engine = await createEngine({ dataDir: dir.path, ...(database ? { database } : {}), queue: { url: redisUrl }, retention: false });
  const procs: ChildProcess[] = [];
  const stopWorkers = async (): Promise<void> => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r(null) : p.once('exit', r)))));
  };
  let engineOpen = true;
  try {
    // One pair of connections per installation, and the backfill bound to them.
    const docs = await Promise.all(accounts.map(async (account, i) => {
      const app = apps[i];
      if (!app) throw new Error('missing Your App');
      const ids = { netsuite: `${backfillConnectionIds.netsuite}-${i}`, yourApp: `${backfillConnectionIds.yourApp}-${i}` };
      await saveBackfillConnections(engine.context.connections, { account, netsuiteUrl: ns.url, yourAppUrl: app.url, yourAppKey: app.apiKey }, ids);
      return backfillDoc({ pageSize: 100, concurrency: 4, ids });
    }));
    await engine.context.secrets.refresh();
    for (let i = 0; i < workers; i++) {
      const own = workerDirs[i];
      // What an operator copies to each worker machine: the master key, to decrypt connections.
      if (own) copyFileSync(join(dir.path, 'secrets.key'), join(own.path, 'secrets.key'));
      const w = startWorker(own?.path ?? dir.path, database, redisUrl);
      procs.push(w.proc);
      await w.ready;
    }
    const enqueued = new Map<string, number>();
    const latencies: number[] = [];
    engine.subscribe((e) => {
      if (e.type !== 'run.started') return;
      const at = enqueued.get(e.run.id);
      if (at !== undefined) latencies.push(performance.now() - at);
    });
    const commits = database ? await countPgCommits(database) : walCounter(join(dir.path, 'patchbay.db'));
    const t0 = performance.now();
    for (const doc of docs) {
      const asked = performance.now();
      const run = await engine.call('runs.start', { doc });
      enqueued.set(run.id, asked);
    }
    await engine.idle();
    const seconds = (performance.now() - t0) / 1000;
    // PostgreSQL backends report their commits as they exit: count once every process has closed.
    await stopWorkers();
    await engine.close();
    engineOpen = false;
    const committed = await commits.count();
    const delivered = apps.reduce((n, a) => n + a.stats().ordersCreated, 0);
    if (delivered !== orders) throw new Error(`${workers} worker(s) delivered ${delivered} of ${orders} orders`);
    return { ordersPerSecond: delivered / seconds, latencies, commitsPerOrder: committed / delivered };
  } finally {
    await stopWorkers();
    if (engineOpen) await engine.close();
    await queue.close();
    await ns.close();
    for (const a of apps) await a.close();
    dir.remove();
    for (const w of workerDirs) w.remove();
  }
}

/** The SQLite baseline's counter, with the same shape as PostgreSQL's. */
function walCounter(file: string): { count(): Promise<number> } {
  const wal = countCommits(file);
  return {
    count: () => {
      const n = wal.count();
      wal.close();
      return Promise.resolve(n);
    },
  };
}

export const run: BenchSuite = async ({ quick, args }) => {
  const orders = flag(args ?? [], 'orders', quick ? 400 : 20_000);
  const installations = flag(args ?? [], 'installations', quick ? 4 : 40);
  const dialect = dialectFlag(args ?? []);
  const redis = await startRedis();
  let postgres: TempPostgres | null = null;
  try {
    if (dialect === 'postgres') postgres = await startPostgres();
    const results: BenchResult[] = [];
    let baseline = 0;
    for (const workers of CONFIGURATIONS) {
      const f = await configuration(workers, orders, installations, redis.url, postgres ? await postgres.database() : null);
      if (workers === 1) baseline = f.ordersPerSecond;
      const label = `${orders} orders / ${installations} installations on ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${workers} worker${workers === 1 ? '' : 's'}`;
      results.push(
        { name: workers === 1 ? `${label} (baseline)` : label, value: f.ordersPerSecond, unit: 'orders/s', ratio: workers === 1 ? null : f.ordersPerSecond / baseline },
        { name: `${label}: queue latency p50`, value: percentile(f.latencies, 50), unit: 'ms', ratio: null },
        { name: `${label}: queue latency p95`, value: percentile(f.latencies, 95), unit: 'ms', ratio: null },
        { name: `${label}: database commits per order`, value: f.commitsPerOrder, unit: 'commits', ratio: null },
      );
    }
    return results;
  } finally {
    await postgres?.stop();
    await redis.stop();
  }
};
