import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { NetSuiteClient } from '../engine/connectors/netsuite/client';
import type { FetchStrategy } from '../engine/connectors/netsuite/fetch-orders';
import { startNetSuiteSimulator, type SimulatorStats } from '../engine/simulators/netsuite';
import type { BenchOptions, BenchResult } from './types';

// `npm run bench -- netsuite`: purchase orders (≈10 lines each) from the simulator with 50 ms
// latency per request and NetSuite's default account concurrency of 5, fetched by SuiteQL and by
// the record API (one list page per 1,000 ids plus one GET per order). The record API is the
// baseline. At 50 ms and 5 in flight it manages under 100 orders/s, so a full 20,000-order pass
// would take over three minutes; it is measured on the first 2,000 orders (orders/s is a rate, and
// its requests per order do not depend on the count). PATCHBAY_BENCH_FULL_RECORD=1 runs all.
//
// The simulator runs in a worker thread, as NetSuite runs on its own servers: its CPU does not
// come out of the client's event loop.

const latencyMs = 50;
const concurrency = 5;
const account = { accountId: '8000001_SB1', consumerKey: 'bench-ck', consumerSecret: 'bench-cs', tokenId: 'bench-tk', tokenSecret: 'bench-ts' };

interface WorkerInit {
  readonly netsuiteBenchSimulator: true;
  readonly orders: number;
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.netsuiteBenchSimulator) {
  const init = workerData as WorkerInit;
  const sim = await startNetSuiteSimulator({ accounts: [{ ...account, orders: init.orders, seed: 2026 }], latencyMs, concurrency });
  const orders = [...sim.account(account.accountId).orders.values()];
  const lines = orders.reduce((s, o) => s + o.lines.length, 0) / Math.max(1, orders.length);
  parentPort?.on('message', (m: string) => {
    if (m === 'stats') parentPort?.postMessage({ stats: sim.stats() });
    if (m === 'close') void sim.close().then(() => parentPort?.close());
  });
  parentPort?.postMessage({ url: sim.url, lines });
}

interface SimHandle {
  readonly url: string;
  readonly lines: number;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

async function startSimulatorWorker(orders: number): Promise<SimHandle> {
  // Workers do not inherit tsx's loader hooks; register them in the worker before loading this file.
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: { netsuiteBenchSimulator: true, orders } satisfies WorkerInit, execArgv: [] });
  const ready = await new Promise<{ url: string; lines: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    ...ready,
    stats: () =>
      new Promise((resolve) => {
        worker.once('message', (m: { stats: SimulatorStats }) => resolve(m.stats));
        worker.postMessage('stats');
      }),
    close: async () => {
      worker.postMessage('close');
      await new Promise((r) => worker.once('exit', r));
    },
  };
}

interface Measured {
  readonly orders: number;
  readonly requests: number;
  readonly seconds: number;
}

async function measure(url: string, strategy: FetchStrategy, limit: number | undefined): Promise<Measured> {
  let requests = 0;
  // A fresh client per strategy, so the metadata lookup is counted in each.
  const client = new NetSuiteClient({ ...account, baseUrl: url }, { concurrency, onRequest: () => requests++ });
  const started = performance.now();
  const { orders } = await client.fetchPurchaseOrders({ strategy, limit });
  const seconds = (performance.now() - started) / 1000;
  return { orders: orders.length, requests, seconds };
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const total = opts.quick ? 2_000 : 20_000;
  const recordSample = process.env.PATCHBAY_BENCH_FULL_RECORD === '1' ? total : opts.quick ? 300 : 2_000;
  const sim = await startSimulatorWorker(total);
  try {
    const record = await measure(sim.url, 'record', recordSample);
    const suiteql = await measure(sim.url, 'suiteql', undefined);
    if (suiteql.orders !== total) throw new Error(`SuiteQL fetched ${suiteql.orders} of ${total} orders`);
    const stats = await sim.stats();
    const peak = stats.accounts[account.accountId]?.maxInFlight ?? 0;
    const perThousand = (m: Measured): number => (m.requests / m.orders) * 1000;
    const rate = (m: Measured): number => m.orders / m.seconds;
    const recordLabel = `record API (${record.orders.toLocaleString('en-US')} orders)`;
    const sqlLabel = `SuiteQL (${suiteql.orders.toLocaleString('en-US')} orders, ${sim.lines.toFixed(1)} lines avg)`;
    return [
      { name: `${recordLabel}: orders/s`, value: rate(record), unit: 'orders/s', ratio: null },
      { name: `${sqlLabel}: orders/s`, value: rate(suiteql), unit: 'orders/s', ratio: rate(suiteql) / rate(record) },
      { name: `${recordLabel}: requests per 1,000 orders`, value: perThousand(record), unit: 'requests', ratio: null },
      { name: `${sqlLabel}: requests per 1,000 orders`, value: perThousand(suiteql), unit: 'requests', ratio: perThousand(suiteql) / perThousand(record) },
      { name: `peak requests in flight, ratio = share of the limit (${concurrency})`, value: peak, unit: 'requests', ratio: peak / concurrency },
      { name: '429 answers (concurrency exceeded), ratio = share of requests', value: stats.rejected429, unit: 'responses', ratio: stats.rejected429 / Math.max(1, stats.requests) },
    ];
  } finally {
    await sim.close();
  }
}
