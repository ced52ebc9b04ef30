import { copyFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { startPostgres, type TempPostgres } from '../engine/testing/postgres';
import { startRedis } from '../engine/testing/redis';
import { tempDir } from '../engine/testing/temp-engine';
import { bundleBenchSides } from './bundle';
import { runCli, startNode, type Started } from './engine-process';
import { countPgCommits } from './pg-commits';
import { childrenNamed, cpuBetween, machineBusySeconds, readCpu } from './proc-cpu';
import { emptyQueue, watchQueue } from './queue-watch';
import type { BenchResult, BenchSuite } from './types';
import { countCommits } from './wal-commits';
import { installCustomers, serverClient, type ServerCall } from './workers-setup';
import { predict, type CpuShares } from './workers-predict';
import type { SimulatorStats, SimulatorTargets } from './workers-simulators';

// `npm run bench -- workers [--orders N] [--installations K] [--database postgres|sqlite]`: the
// production runner as deployed. N orders (default 20,000) split across K installations (default
// 40) of Order Sync, each with its own NetSuite account and Your App, backfilled by 1, 2 and 4
// workers. Every Patchbay process is the built engine on plain Node (bundled like dist/engine,
// bench/bundle.ts), as users run it: `patchbay server --database postgres://… --redis …
// --auth api-keys` with a data folder of its own, and `patchbay worker` processes with data
// folders of their own holding only the server's secrets.key, copied as an operator does; one
// throwaway PostgreSQL (fsync off: commits cost CPU here, not disk flushes) and Redis. The bench
// drives the server as an operator's script would: an API key from `patchbay apikeys create
// --database …`, then the HTTP API (bench/workers-setup.ts) to install the integration for every
// customer (its backfill held at the Stop block, which each customer's version removes, leaving
// the template's pages of 1,000 and 4 deliveries at once), and the measured part: every
// installation activated at once, which runs its backfill.
// The simulators run in a process of their own (bench/workers-simulators.ts), and each process
// tree's CPU is read from /proc (bench/proc-cpu.ts), with what the machine's other processes
// used meanwhile, so the table says where the cores went and what limits throughput at each
// worker count.
// Per configuration: orders/s (the 1-worker run is the baseline), queue latency p50/p95,
// PostgreSQL commits per delivered order (pg_stat_database.xact_commit of that database), CPU
// busy by process, and what the figures predict for 4 and 16 cores (bench/workers-predict.ts).
// Queue latency is BullMQ's: the job's `timestamp` (the server added it) to its `processedOn` (a
// worker took it). That is the wait in the queue itself, the figure adding workers shortens;
// the runs' records would add the server's own enqueueing and the worker's reading of the run
// before its first step, which do not depend on how many workers there are.
// `--database sqlite`: the desktop baseline, server and workers sharing the server's data
// folder, commits counted from the SQLite WAL.

type Dialect = 'postgres' | 'sqlite';

const CONFIGURATIONS = [1, 2, 4] as const;
/** This machine's cores (2 on the build machines), which every process of the bench shares. */
const CORES = availableParallelism();
/**
 * An idle PostgreSQL backend reports its commits to pg_stat_database up to 10 s after its last
 * transaction (PGSTAT_IDLE_INTERVAL): the setup's commits must be in before the counter starts.
 */
const PG_STATS_SETTLE_MS = 11_000;

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

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Bundles {
  /** The engine's CLI, bundled as dist/engine/patchbay.mjs. */
  readonly patchbay: string;
  readonly simulators: string;
}

interface Figures {
  readonly ordersPerSecond: number;
  readonly latencies: readonly number[];
  readonly commits: number;
  readonly orders: number;
  readonly wallSeconds: number;
  /** CPU seconds over the measured interval, by process; `others`: the rest of the machine's (teammates' builds on a shared machine). */
  readonly cpu: CpuShares & { readonly simulators: number; readonly bench: number; readonly others: number };
}

/** Asks the simulators' process how many orders each Your App received. */
async function simulatorStats(sims: Started): Promise<SimulatorStats> {
  const answer = new Promise<string>((resolve) => sims.proc.stdout?.once('data', (c: Buffer) => resolve(c.toString())));
  sims.proc.stdin?.write('stats\n');
  return JSON.parse(await answer) as SimulatorStats;
}

interface Deployment {
  readonly simulators: Started;
  readonly targets: SimulatorTargets;
  readonly server: Started;
  readonly workers: readonly Started[];
  readonly call: ServerCall;
  /** The server's data folder (the SQLite baseline's database is there). */
  readonly serverDir: string;
  /** Stops the workers, then the server (the simulators stay up until `close`). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** The simulators, then what an operator starts: an API key, the server, and `workers` workers. */
async function deploy(workers: number, orders: number, installations: number, redisUrl: string, database: string | null, bundles: Bundles): Promise<Deployment> {
  const serverDir = tempDir('patchbay-bench-server-');
  const workerDirs = database ? Array.from({ length: workers }, () => tempDir('patchbay-bench-worker-')) : [];
  const dbFlag = database ? ['--database', database] : [];
  const started: Started[] = [];
  let server: Started | null = null;
  const stop = async (): Promise<void> => {
    for (const w of started) await w.stop();
    await server?.stop();
  };
  const simulators = startNode(bundles.simulators, [], 'netsuiteUrl', { ...process.env, SIMULATORS: JSON.stringify({ orders, installations }) });
  const close = async (): Promise<void> => {
    await stop();
    await simulators.stop();
    serverDir.remove();
    for (const w of workerDirs) w.remove();
  };
  try {
    const targets = (await simulators.ready) as unknown as SimulatorTargets;
    await emptyQueue(redisUrl);
    const created = z.object({ key: z.string() }).parse(await runCli(bundles.patchbay, ['apikeys', 'create', '--name', 'bench', '--data-dir', serverDir.path, ...dbFlag]));
    server = startNode(bundles.patchbay, ['server', '--data-dir', serverDir.path, ...dbFlag, '--redis', redisUrl, '--port', '0', '--auth', 'api-keys'], '"url"');
    const serverUrl = z.object({ url: z.string() }).parse(await server.ready).url;
    for (let i = 0; i < workers; i++) {
      const own = workerDirs[i];
      // What an operator copies to each worker machine: the master key, to decrypt connections.
      if (own) copyFileSync(join(serverDir.path, 'secrets.key'), join(own.path, 'secrets.key'));
      const w = startNode(bundles.patchbay, ['worker', '--data-dir', own?.path ?? serverDir.path, ...dbFlag, '--redis', redisUrl], '"ready"');
      started.push(w);
      await w.ready;
    }
    return { simulators, targets, server, workers: started, call: serverClient(serverUrl, created.key), serverDir: serverDir.path, stop, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** `database`: a fresh PostgreSQL database for this configuration, or null for the server's SQLite file. */
async function configuration(workers: number, orders: number, installations: number, redisUrl: string, database: string | null, bundles: Bundles, quick: boolean): Promise<Figures> {
  const d = await deploy(workers, orders, installations, redisUrl, database, bundles);
  const queue = await watchQueue(redisUrl);
  try {
    const installationIds = await installCustomers(d.call, d.targets);
    // A quick run's figures mean nothing: its smoke test need not wait for them to be exact.
    if (database && !quick) await sleep(PG_STATS_SETTLE_MS);
    const roles = new Map<string, number[]>([
      ['server', [d.server.proc.pid ?? 0]],
      ['workers', d.workers.map((p) => p.proc.pid ?? 0)],
      ['postgres', childrenNamed(process.pid, 'postgres')],
      ['redis', childrenNamed(process.pid, 'redis-server')],
      ['simulators', [d.simulators.proc.pid ?? 0]],
    ]);
    const commits = database ? await countPgCommits(database) : walCounter(join(d.serverDir, 'patchbay.db'));
    const cpuBefore = readCpu(roles);
    const benchBefore = process.cpuUsage();
    const machineBefore = machineBusySeconds();
    const t0 = performance.now();
    // The measured part: every customer activated at once; each activation enqueues its backfill.
    const activated = await Promise.all(installationIds.map((id) => d.call('installations.activate', { id })));
    const runIds = activated.flatMap((a) => a.runs.map((r) => r.id));
    if (runIds.length !== installations) throw new Error(`activation started ${runIds.length} backfills for ${installations} installations`);
    const processes = [d.simulators, d.server, ...d.workers];
    while (!runIds.every((id) => queue.completed.has(id))) {
      const failed = runIds.find((id) => queue.failed.has(id));
      if (failed) throw new Error(`run ${failed} failed in the queue: ${queue.failed.get(failed)}`);
      const gone = processes.find((p) => p.proc.exitCode !== null || p.proc.signalCode !== null);
      if (gone) throw new Error(`a bench process exited while the backfills ran (exit ${gone.proc.exitCode ?? gone.proc.signalCode})`);
      await sleep(20);
    }
    const t1 = Math.max(...runIds.map((id) => queue.completed.get(id) ?? 0));
    const cpu = cpuBetween(cpuBefore, readCpu(roles));
    const bench = process.cpuUsage(benchBefore);
    const machine = machineBusySeconds() - machineBefore;

    const runs = await Promise.all(runIds.map((id) => d.call('runs.get', { id })));
    const unfinished = runs.find((r) => r.status !== 'succeeded');
    if (unfinished) throw new Error(`run ${unfinished.id} ended ${unfinished.status}: ${JSON.stringify(unfinished.error)}`);
    await queue.close(); // its last reads of when jobs were taken are in
    const latencies = runIds.map((id) => queue.latencies.get(id) ?? NaN);
    if (latencies.some(Number.isNaN)) throw new Error('a backfill finished before the bench could read when a worker took its job');
    const delivered = (await simulatorStats(d.simulators)).created.reduce((a, b) => a + b, 0);
    if (delivered !== orders) throw new Error(`${workers} worker(s) delivered ${delivered} of ${orders} orders`);
    // PostgreSQL backends report their commits as they exit: count once every process has closed.
    await d.stop();
    const role = (name: string): number => cpu.get(name) ?? 0;
    const benchCpu = (bench.user + bench.system) / 1e6;
    const ours = [...cpu.values()].reduce((a, b) => a + b, 0) + benchCpu;
    const wallSeconds = (t1 - t0) / 1000;
    return {
      ordersPerSecond: delivered / wallSeconds, latencies, commits: await commits.count(), orders: delivered, wallSeconds,
      cpu: { workers: role('workers'), server: role('server'), postgres: role('postgres'), redis: role('redis'), simulators: role('simulators'), bench: benchCpu, others: Math.max(0, machine - ours) },
    };
  } finally {
    await queue.close();
    await d.close();
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

const pct = (seconds: number, f: Figures): number => (100 * seconds) / (f.wallSeconds * CORES);

/** The table's rows for one configuration. */
function rows(f: Figures, label: string, workers: number, baseline: number, dialect: Dialect): BenchResult[] {
  const c = f.cpu;
  const busy = c.workers + c.server + c.postgres + c.redis + c.simulators + c.bench + c.others;
  const share = (name: string, s: number): string => `${name} ${Math.round(pct(s, f))}%`;
  const shares = [share('workers', c.workers), share('server', c.server), ...(dialect === 'postgres' ? [share('PostgreSQL', c.postgres)] : []), share('Redis', c.redis), share('simulators', c.simulators), share('bench', c.bench), share('other processes', c.others)].join(', ');
  const p = predict(c, f.orders, dialect === 'postgres' ? f.commits : null);
  const basis = `cores ÷ ${p.cpuMsPerOrder.toFixed(2)} ms CPU per order in workers, server${dialect === 'postgres' ? ', PostgreSQL' : ''} and Redis; assumes CPU stays the limit`;
  const out: BenchResult[] = [
    { name: workers === 1 ? `${label} (baseline)` : label, value: f.ordersPerSecond, unit: 'orders/s', ratio: workers === 1 ? null : f.ordersPerSecond / baseline },
    { name: `${label}: queue latency p50`, value: percentile(f.latencies, 50), unit: 'ms', ratio: null },
    { name: `${label}: queue latency p95`, value: percentile(f.latencies, 95), unit: 'ms', ratio: null },
    { name: `${label}: database commits per order`, value: f.commits / f.orders, unit: 'commits', ratio: null },
    { name: `${label}: machine's CPU busy (${shares})`, value: pct(busy, f), unit: `% of ${CORES} cores`, ratio: null },
    { name: `${label}: predicted on 4 cores (${basis})`, value: p.onCores(4), unit: 'orders/s', ratio: null },
    { name: `${label}: predicted on 16 cores (same basis)`, value: p.onCores(16), unit: 'orders/s', ratio: null },
  ];
  if (p.postgresCapPerCore !== null && p.postgresUsPerCommit !== null) {
    out.push({ name: `${label}: PostgreSQL's cap per core it gets (${Math.round(p.postgresUsPerCommit)} µs CPU per commit × ${(f.commits / f.orders).toFixed(2)} commits per order)`, value: p.postgresCapPerCore, unit: 'orders/s', ratio: null });
  }
  return out;
}

export const run: BenchSuite = async ({ quick, args }) => {
  const orders = flag(args ?? [], 'orders', quick ? 400 : 20_000);
  const installations = flag(args ?? [], 'installations', quick ? 4 : 40);
  const dialect = dialectFlag(args ?? []);
  const built = await bundleBenchSides({ patchbay: 'engine/host/cli/main.ts', 'workers-simulators': 'bench/workers-simulators.ts' });
  const bundles: Bundles = { patchbay: built.patchbay ?? '', simulators: built['workers-simulators'] ?? '' };
  const redis = await startRedis();
  let postgres: TempPostgres | null = null;
  try {
    if (dialect === 'postgres') postgres = await startPostgres();
    const results: BenchResult[] = [];
    let baseline = 0;
    for (const workers of CONFIGURATIONS) {
      const f = await configuration(workers, orders, installations, redis.url, postgres ? await postgres.database() : null, bundles, quick);
      if (workers === 1) baseline = f.ordersPerSecond;
      const label = `${orders} orders / ${installations} installations on ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${workers} worker${workers === 1 ? '' : 's'}`;
      results.push(...rows(f, label, workers, baseline, dialect));
    }
    return results;
  } finally {
    await postgres?.stop();
    await redis.stop();
  }
};
