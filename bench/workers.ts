import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/host/engine';
import { RUNS_QUEUE } from '../engine/host/queue/job';
import { bullConnection } from '../engine/host/queue/redis';
import { demoAccountSpec, startNetSuiteSimulator } from '../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../engine/simulators/your-app';
import { backfillConnectionIds, backfillDoc, saveBackfillConnections } from '../engine/testing/backfill';
import { startRedis } from '../engine/testing/redis';
import { tempDir } from '../engine/testing/temp-engine';
import type { BenchResult, BenchSuite } from './types';
import { countCommits } from './wal-commits';

// `npm run bench -- workers [--orders N] [--installations K]`: the production runner. N orders
// (default 20,000) split across K installations (default 40), each its own NetSuite account and
// Your App, backfilled by a server engine (this process) through Redis by 1, 2 and 4
// `patchbay worker` processes on one data directory. Per configuration: orders/s (the 1-worker
// run is the baseline), queue latency from enqueue to the run's start as the server sees it
// (p50/p95), and database commits per delivered order (counted from the SQLite WAL).

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

function startWorker(dataDir: string, redisUrl: string): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(bin, ['worker', '--data-dir', dataDir, '--redis', redisUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
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

async function configuration(workers: number, orders: number, installations: number, redisUrl: string): Promise<Figures> {
  const per = Math.floor(orders / installations);
  const accounts = Array.from({ length: installations }, (_, i) => demoAccountSpec({ accountId: `${1000 + i}_SB1`, orders: per + (i < orders % installations ? 1 : 0), seed: 42 + i }));
  const ns = await startNetSuiteSimulator({ accounts });
  const apps: YourAppSimulator[] = [];
  for (let i = 0; i < installations; i++) apps.push(await startYourAppSimulator());
  const dir = tempDir('patchbay-bench-workers-');
  const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redisUrl }) });
  await queue.obliterate({ force: true });
  const engine = await createEngine({ dataDir: dir.path, queue: { url: redisUrl }, retention: false });
  const procs: ChildProcess[] = [];
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
      const w = startWorker(dir.path, redisUrl);
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
    const commits = countCommits(join(dir.path, 'patchbay.db'));
    const t0 = performance.now();
    for (const doc of docs) {
      const asked = performance.now();
      const run = await engine.call('runs.start', { doc });
      enqueued.set(run.id, asked);
    }
    await engine.idle();
    const seconds = (performance.now() - t0) / 1000;
    const committed = commits.count();
    commits.close();
    const delivered = apps.reduce((n, a) => n + a.stats().ordersCreated, 0);
    if (delivered !== orders) throw new Error(`${workers} worker(s) delivered ${delivered} of ${orders} orders`);
    return { ordersPerSecond: delivered / seconds, latencies, commitsPerOrder: committed / delivered };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    await engine.close();
    await queue.close();
    await ns.close();
    for (const a of apps) await a.close();
    dir.remove();
  }
}

export const run: BenchSuite = async ({ quick, args }) => {
  const orders = flag(args ?? [], 'orders', quick ? 400 : 20_000);
  const installations = flag(args ?? [], 'installations', quick ? 4 : 40);
  const redis = await startRedis();
  try {
    const results: BenchResult[] = [];
    let baseline = 0;
    for (const workers of CONFIGURATIONS) {
      const f = await configuration(workers, orders, installations, redis.url);
      if (workers === 1) baseline = f.ordersPerSecond;
      const label = `${orders} orders / ${installations} installations, ${workers} worker${workers === 1 ? '' : 's'}`;
      results.push(
        { name: workers === 1 ? `${label} (baseline)` : label, value: f.ordersPerSecond, unit: 'orders/s', ratio: workers === 1 ? null : f.ordersPerSecond / baseline },
        { name: `${label}: queue latency p50`, value: percentile(f.latencies, 50), unit: 'ms', ratio: null },
        { name: `${label}: queue latency p95`, value: percentile(f.latencies, 95), unit: 'ms', ratio: null },
        { name: `${label}: database commits per order`, value: f.commitsPerOrder, unit: 'commits', ratio: null },
      );
    }
    return results;
  } finally {
    await redis.stop();
  }
};
