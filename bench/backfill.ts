import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { demoAccountSpec, startNetSuiteSimulator } from '../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../engine/simulators/your-app';
import type { BackfillTargets } from '../engine/testing/backfill';
import { defaultRunWorkers } from '../engine/host/run-workers/pool';
import { bundleBenchSide } from './bundle';
import type { BenchResult, BenchSuite } from './types';

// `npm run bench -- backfill [--orders N]`: N purchase orders from the NetSuite simulator (no
// latency) through the customer's Fetch Historical Orders into Your App, fully journaled, against
// the same pipeline hand-written (bench/backfill-worker.ts), each side in its own process. While
// the engine runs, the bridge is asked `workflows.list` every 25 ms: the API latency a user sees.
// Then the same probe while a run computes one long step (seconds without a pause), with runs in
// worker threads as `serve` has them, against runs on the bridge's own thread (the baseline).

const worker = fileURLToPath(new URL('./backfill-worker.ts', import.meta.url));

interface SideResult {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly apiLatencies: readonly number[];
  readonly delivered: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** How a side's process starts: the bundle on plain Node (as shipped), or the sources under tsx. */
type Launch = readonly string[];

async function side(launch: Launch, kind: 'engine' | 'script' | 'long-step', targets: BackfillTargets, app: YourAppSimulator | null, extra: readonly string[] = []): Promise<SideResult> {
  const proc = spawn(process.execPath, ['--no-node-snapshot', ...launch, kind, ...extra], {
    env: { ...process.env, BACKFILL_TARGETS: JSON.stringify(targets) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const latencies: number[] = [];
  let probing = false;
  let result: { ms: number; peakRssMb: number } | null = null;
  const probe = async (port: number, token: string): Promise<void> => {
    probing = true;
    while (probing) {
      const t = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/call/workflows.list`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
        await res.arrayBuffer();
      } catch {
        // A server held up past its keep-alive timeout drops the waiting request: the user
        // waited all the same, so the time until the failure counts.
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  let probing$: Promise<void> = Promise.resolve();
  for await (const line of createInterface({ input: proc.stdout })) {
    const msg = JSON.parse(line) as { ready?: boolean; port?: number; token?: string; done?: boolean; ms: number; peakRssMb: number };
    if (msg.ready && msg.port && msg.token) probing$ = probe(msg.port, msg.token).catch(() => undefined);
    if (msg.done) {
      probing = false;
      result = msg;
    }
  }
  await probing$;
  const code = await new Promise<number | null>((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.on('exit', r)));
  if (!result || code !== 0) throw new Error(`the ${kind} side of the backfill bench failed (exit ${code})`);
  return { ms: result.ms, peakRssMb: result.peakRssMb, apiLatencies: latencies, delivered: app?.stats().ordersCreated ?? 0 };
}

function ordersFlag(args: readonly string[], quick: boolean): number {
  const i = args.indexOf('--orders');
  const n = i >= 0 ? Number(args[i + 1]) : quick ? 300 : 20_000;
  if (!Number.isInteger(n) || n < 1) throw new Error('--orders needs a whole number, e.g. --orders 20000');
  return n;
}

export const run: BenchSuite = async ({ quick, args }) => {
  const orders = ordersFlag(args ?? [], quick);
  // Both sides run bundled, as the engine ships (bench/bundle.ts); --from-sources runs them under
  // tsx instead, which adds its loader to every thread (the figures before bundling).
  const launch: Launch = (args ?? []).includes('--from-sources') ? ['--import', 'tsx', worker] : [await bundleBenchSide('bench/backfill-worker.ts', 'backfill-worker')];
  // The engine also runs a fifth of the orders, so the table says how its peak RSS grows with
  // the account (the goal: at 100,000 no more than 1.5x that at 20,000).
  const fifth = Math.max(1, Math.round(orders / 5));
  const account = demoAccountSpec({ orders });
  const ns = await startNetSuiteSimulator({ accounts: [account] });
  try {
    const measure = async (kind: 'engine' | 'script', n = orders): Promise<SideResult> => {
      const acc = n === orders ? account : demoAccountSpec({ orders: n });
      const source = n === orders ? ns : await startNetSuiteSimulator({ accounts: [acc] });
      const app = await startYourAppSimulator();
      try {
        const r = await side(launch, kind, { account: acc, netsuiteUrl: source.url, yourAppUrl: app.url, yourAppKey: app.apiKey }, app);
        if (r.delivered !== n) throw new Error(`the ${kind} side delivered ${r.delivered} of ${n} orders`);
        return r;
      } finally {
        await app.close();
        if (source !== ns) await source.close();
      }
    };
    const script = await measure('script');
    const engine = await measure('engine');
    const engineFifth = await measure('engine', fifth);
    const longStep = async (workers: number): Promise<SideResult> => side(launch, 'long-step', { account, netsuiteUrl: ns.url, yourAppUrl: '', yourAppKey: '' }, null, [String(workers), String(quick ? 20_000 : 400_000)]);
    const onThread = await longStep(0);
    const inWorkers = await longStep(defaultRunWorkers());
    const p95 = (r: SideResult): number => Math.round(percentile(r.apiLatencies, 95) * 10) / 10;
    const max = (r: SideResult): number => Math.round(Math.max(0, ...r.apiLatencies) * 10) / 10;
    const perSec = (r: SideResult): number => orders / (r.ms / 1000);
    const results: BenchResult[] = [
      { name: `hand-written pipeline, ${orders} orders (baseline)`, value: Math.round(perSec(script)), unit: 'orders/s', ratio: null },
      { name: `engine: Fetch Historical Orders, ${orders} orders, journaled`, value: Math.round(perSec(engine)), unit: 'orders/s', ratio: perSec(engine) / perSec(script) },
      { name: 'peak RSS, hand-written pipeline (baseline)', value: Math.round(script.peakRssMb), unit: 'MB', ratio: null },
      { name: 'peak RSS, engine', value: Math.round(engine.peakRssMb), unit: 'MB', ratio: engine.peakRssMb / script.peakRssMb },
      { name: `peak RSS, engine, ${fifth} orders (baseline for growth)`, value: Math.round(engineFifth.peakRssMb), unit: 'MB', ratio: null },
      { name: `peak RSS, engine, ${orders} orders, against ${fifth}`, value: Math.round(engine.peakRssMb), unit: 'MB', ratio: engine.peakRssMb / engineFifth.peakRssMb },
      { name: `API p95 during the engine run (${engine.apiLatencies.length} calls)`, value: Math.round(percentile(engine.apiLatencies, 95) * 10) / 10, unit: 'ms', ratio: null },
      { name: 'API max during the engine run', value: Math.round(Math.max(0, ...engine.apiLatencies) * 10) / 10, unit: 'ms', ratio: null },
      { name: `API p95 while a run computes one long step (${Math.round(onThread.ms)} ms), runs on the bridge's thread (baseline)`, value: p95(onThread), unit: 'ms', ratio: null },
      { name: `API p95 while a run computes one long step (${Math.round(inWorkers.ms)} ms), runs in worker threads`, value: p95(inWorkers), unit: 'ms', ratio: p95(inWorkers) / Math.max(0.1, p95(onThread)) },
      { name: "API max while a run computes one long step, runs on the bridge's thread (baseline)", value: max(onThread), unit: 'ms', ratio: null },
      { name: 'API max while a run computes one long step, runs in worker threads', value: max(inWorkers), unit: 'ms', ratio: max(inWorkers) / Math.max(0.1, max(onThread)) },
    ];
    return results;
  } finally {
    await ns.close();
  }
};
