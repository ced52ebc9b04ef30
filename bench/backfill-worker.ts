import { startBridge } from '../engine/host/bridge';
import { defaultRunWorkers } from '../engine/host/run-workers/pool';
import { netsuiteClientFor } from '../engine/connectors/netsuite/connector';
import { applyMapping } from '../engine/mapping/apply';
import { compileMappingCached } from '../engine/mapping/compiled';
import { orderSyncMappingRules } from '../engine/templates/order-sync-mapping';
import { backfillDoc, saveBackfillConnections, type BackfillTargets } from '../engine/testing/backfill';
import { tempDir } from '../engine/testing/temp-engine';
import { longStepDoc } from '../engine/testing/long-step';

// One side of the backfill bench, in its own process so each side's peak RSS is its own.
// `engine`: the customer's Fetch Historical Orders through a real engine behind the bridge, runs
// in worker threads as under `patchbay serve` (the parent measures API latency meanwhile).
// `script`: the same work hand-written: SuiteQL pages, the same compiled mapping, POSTs with
// concurrency 4. `long-step <workers>`: one run whose single step computes for seconds, with runs
// in that many workers (0: on the bridge's thread, as before run workers). Prints JSON lines; the
// last is the result.

const targets = JSON.parse(process.env.BACKFILL_TARGETS ?? '{}') as BackfillTargets;
const say = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v)}\n`);
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** The probe's request held up by the run is answered, not cut off by closing the bridge. */
const probeAnswered = (): Promise<void> => new Promise((r) => setTimeout(r, 500));

async function engineSide(): Promise<void> {
  const dir = tempDir('patchbay-bench-backfill-');
  // BACKFILL_RUN_WORKERS=0 runs it on the bridge's thread instead, to compare.
  const bridge = await startBridge({ dataDir: dir.path, runWorkers: Number(process.env.BACKFILL_RUN_WORKERS ?? defaultRunWorkers()) });
  try {
    await saveBackfillConnections(bridge.engine.context.connections, targets);
    await bridge.engine.context.secrets.refresh();
    // A short run first, so a run worker is up and the figure is the steady state.
    await bridge.engine.call('runs.start', { doc: longStepDoc(10), wait: true });
    say({ ready: true, port: bridge.port, token: bridge.token });
    await new Promise((r) => setTimeout(r, 300)); // the parent's API probe starts first
    const started = performance.now();
    const run = await bridge.engine.call('runs.start', { doc: backfillDoc({ concurrency: 4 }), wait: true });
    const ms = performance.now() - started;
    if (run.status !== 'succeeded') throw new Error(`the engine run ${run.status}: ${JSON.stringify(run.error)}`);
    say({ done: true, ms, peakRssMb: peakRssMb(), steps: run.stepCount });
    await probeAnswered();
  } finally {
    await bridge.close();
    dir.remove();
  }
}

async function scriptSide(): Promise<void> {
  const a = targets.account;
  const client = netsuiteClientFor({ accountId: a.accountId, consumerKey: a.consumerKey, consumerSecret: a.consumerSecret, tokenId: a.tokenId, tokenSecret: a.tokenSecret, baseUrl: targets.netsuiteUrl });
  const compiled = compileMappingCached([...orderSyncMappingRules]);
  const post = async (order: unknown, key: string): Promise<void> => {
    const res = await fetch(`${targets.yourAppUrl}/orders`, {
      method: 'POST', body: JSON.stringify(order),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${targets.yourAppKey}`, 'idempotency-key': key },
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`Your App answered ${res.status}`);
  };
  say({ ready: true });
  const started = performance.now();
  let n = 0;
  for await (const page of client.purchaseOrderPages({ strategy: 'suiteql', pageSize: 1000 })) {
    const mapped = await applyMapping(compiled, page.orders, 'fail_record');
    const records = 'records' in mapped ? mapped.records : [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < records.length) {
        const i = next++;
        await post(records[i], `script:${n + i}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    n += records.length;
  }
  say({ done: true, ms: performance.now() - started, peakRssMb: peakRssMb(), steps: n });
}

async function longStepSide(workers: number, n: number): Promise<void> {
  const dir = tempDir('patchbay-bench-long-step-');
  const bridge = await startBridge({ dataDir: dir.path, runWorkers: workers });
  try {
    // A short run first, so a worker is up and the figure is the steady state.
    await bridge.engine.call('runs.start', { doc: longStepDoc(10), wait: true });
    say({ ready: true, port: bridge.port, token: bridge.token });
    await new Promise((r) => setTimeout(r, 300)); // the parent's API probe starts first
    const started = performance.now();
    const run = await bridge.engine.call('runs.start', { doc: longStepDoc(n), wait: true });
    if (run.status !== 'succeeded') throw new Error(`the long-step run ${run.status}: ${JSON.stringify(run.error)}`);
    say({ done: true, ms: performance.now() - started, peakRssMb: peakRssMb(), steps: run.stepCount });
    await probeAnswered();
  } finally {
    await bridge.close();
    dir.remove();
  }
}

const sides: Record<string, () => Promise<void>> = { engine: engineSide, script: scriptSide, 'long-step': () => longStepSide(Number(process.argv[3] ?? '0'), Number(process.argv[4] ?? '400000')) };
const chosen = sides[process.argv[2] ?? ''];
if (!chosen) throw new Error(`usage: backfill-worker.ts ${Object.keys(sides).join('|')}`);
chosen().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
