import { runInNewContext } from 'node:vm';
import { DEFAULT_BATCH_CHUNK } from '../engine/sandbox/limits';
import { createSandbox } from '../engine/sandbox/sandbox';
import type { RunTimings, Sandbox } from '../engine/sandbox/types';
import { project, purchaseOrders, TRANSFORM_MODULE, TRANSFORM_SOURCE, type PurchaseOrder } from './code-fixtures';
import {
  batchBreakdown,
  batchCopy,
  batchJson,
  createHarness,
  perRecordBreakdown,
  perRecordCopy,
  perRecordCopyAsync,
  perRecordJson,
  type Breakdown,
} from './code-transports';
import type { BenchResult, BenchSuite } from './types';

// `npm run bench -- code`: 100,000 purchase orders (~4.4 KB of JSON each) through a small
// mapping function. Records/s for plain JS (the unsafe baseline every ratio is against), node:vm
// (unsafe reference), raw isolated-vm transports, and Patchbay's sandbox per record and in batch
// mode (which run in a sandbox process: records cross to it as JSON text over IPC); then batch
// mode against a naive per-record structured copy in this process (goal >= 1.5x) and where the
// time goes. `--quick` runs 3,000 records: a smoke test, not figures.
//
// These machines are shared, so the records are cut into slices and every variant runs on each
// slice in turn: a burst of load elsewhere lands on all variants alike instead of deciding a
// comparison.

type Transform = (po: PurchaseOrder) => unknown;
type Slice = readonly PurchaseOrder[];

interface Variant {
  readonly name: string;
  /** Share of each slice this variant runs (slow variants run a prefix). */
  readonly share: number;
  readonly body: (slice: Slice) => unknown;
}

function callEach(fn: Transform, records: Slice): unknown[] {
  const out = new Array<unknown>(records.length);
  for (let i = 0; i < records.length; i++) out[i] = fn(records[i] as PurchaseOrder);
  return out;
}

async function sandboxBatch(sandbox: Sandbox, input: Slice, timings: RunTimings[]): Promise<void> {
  const res = await sandbox.run({ code: TRANSFORM_MODULE, language: 'ts', input, batch: true, timeoutMs: 60_000, memoryMb: 256 });
  if (!res.ok) throw new Error(`batch run failed: ${res.error.code} ${res.error.message}`);
  timings.push(res.timings);
}

async function sandboxPerRecord(sandbox: Sandbox, input: Slice): Promise<void> {
  for (const r of input) {
    const res = await sandbox.run({ code: TRANSFORM_MODULE, language: 'ts', input: r });
    if (!res.ok) throw new Error(`per-record run failed: ${res.error.code} ${res.error.message}`);
  }
}

export const run: BenchSuite = async ({ quick }) => {
  const n = quick ? 3_000 : 100_000;
  const sliceSize = quick ? 1_000 : 10_000;
  const records = purchaseOrders(n);
  const slices: Slice[] = [];
  for (let i = 0; i < n; i += sliceSize) slices.push(records.slice(i, i + sliceSize));

  const host = new Function(`return ${TRANSFORM_SOURCE}`)() as Transform;
  const vmFn = runInNewContext(`(${TRANSFORM_SOURCE})`) as Transform;
  const h = await createHarness();
  const big = { maxOutputBytes: 1024 * 1024 * 1024 };
  const sandbox = createSandbox(big);
  const sandboxWhole = createSandbox({ ...big, projectInput: false });
  const projected = (r: unknown): unknown => project(r as PurchaseOrder);
  const batchTimings: RunTimings[] = [];
  const variants: Variant[] = [
    { name: 'plain JS in process (unsafe baseline)', share: 1, body: (s) => callEach(host, s) },
    { name: 'node:vm per record (unsafe reference)', share: 1, body: (s) => callEach(vmFn, s) },
    { name: 'isolated-vm per record, structured copy (naive, copy: true)', share: 1, body: (s) => perRecordCopy(h, s) },
    { name: 'isolated-vm per record, structured copy, async call', share: 0.2, body: (s) => perRecordCopyAsync(h, s) },
    { name: 'isolated-vm per record, JSON text', share: 1, body: (s) => perRecordJson(h, s) },
    { name: 'isolated-vm batch of 500, structured copy', share: 1, body: (s) => batchCopy(h, s, 500) },
    ...[100, 500, 2_000].map((size): Variant => ({ name: `isolated-vm batch of ${size}, JSON text`, share: 1, body: (s) => batchJson(h, s, size) })),
    { name: 'isolated-vm batch of 500, JSON text, input projected by hand', share: 1, body: (s) => batchJson(h, s, 500, projected) },
    { name: 'Patchbay sandbox.run per record (fresh context each)', share: 0.02, body: (s) => sandboxPerRecord(sandbox, s) },
    { name: `Patchbay batch mode, whole input (chunks of ${DEFAULT_BATCH_CHUNK})`, share: 1, body: (s) => sandboxBatch(sandboxWhole, s, []) },
    { name: `Patchbay batch mode (chunks of ${DEFAULT_BATCH_CHUNK}, input projected by analysis)`, share: 1, body: (s) => sandboxBatch(sandbox, s, batchTimings) },
  ];
  const NAIVE = 2;
  const BATCH = variants.length - 1;

  const seconds = variants.map(() => 0);
  const counts = variants.map(() => 0);
  let perRecord: Breakdown = { copyIn: 0, run: 0, copyOut: 0 };
  let batch: Breakdown = { copyIn: 0, run: 0, copyOut: 0 };
  const breakdownSlice = (slices[0] ?? []).slice(0, quick ? 500 : 5_000);
  try {
    // Warm-up: JIT, the isolate pool, the transpile and analysis caches.
    const warm = records.slice(0, Math.min(500, n));
    for (const v of variants) await v.body(warm.slice(0, Math.max(1, Math.ceil(warm.length * v.share))));
    batchTimings.length = 0;

    for (const [k, slice] of slices.entries()) {
      for (let j = 0; j < variants.length; j++) {
        const i = (j + k) % variants.length;
        const v = variants[i] as Variant;
        const part = slice.slice(0, Math.max(1, Math.ceil(slice.length * v.share)));
        const t = performance.now();
        await v.body(part);
        seconds[i] = (seconds[i] ?? 0) + (performance.now() - t) / 1000;
        counts[i] = (counts[i] ?? 0) + part.length;
      }
    }
    // Breakdown rounds, interleaved like the variants; each phase keeps its best round.
    const perRecordRounds: Breakdown[] = [];
    const batchRounds: Breakdown[] = [];
    for (let round = 0; round < 3; round++) {
      perRecordRounds.push(perRecordBreakdown(h, breakdownSlice));
      batchRounds.push(batchBreakdown(h, breakdownSlice, DEFAULT_BATCH_CHUNK));
    }
    perRecord = minBreakdown(perRecordRounds);
    batch = minBreakdown(batchRounds);
  } finally {
    h.dispose();
    sandbox.dispose();
    sandboxWhole.dispose();
  }

  const rates = variants.map((_, i) => (counts[i] ?? 0) / (seconds[i] || Infinity));
  const baseline = rates[0] ?? 1;
  const results: BenchResult[] = variants.map((v, i) => ({ name: v.name, value: rates[i] ?? 0, unit: 'records/s', ratio: i === 0 ? null : (rates[i] ?? 0) / baseline }));
  const goal = (rates[BATCH] ?? 0) / (rates[NAIVE] || Infinity);
  results.push({ name: 'goal: Patchbay batch mode / naive per-record copy (>= 1.5)', value: goal, unit: 'x', ratio: goal });

  // Where the time goes. ratio: the phase's share of that transport's time.
  const phases = (label: string, parts: ReadonlyArray<readonly [string, number]>, count: number): void => {
    const total = parts.reduce((sum, [, s]) => sum + s, 0);
    for (const [phase, s] of parts) results.push({ name: `${label}: ${phase}`, value: (s / count) * 1e6, unit: 'µs/record', ratio: total > 0 ? s / total : null });
  };
  const m = breakdownSlice.length || 1;
  phases('naive per-record copy', [['copy in', perRecord.copyIn], ['run', perRecord.run], ['copy out', perRecord.copyOut]], m);
  phases(`raw batch of ${DEFAULT_BATCH_CHUNK}, JSON text`, [['copy in (stringify, copy, parse)', batch.copyIn], ['run', batch.run], ['copy out (stringify, copy, parse)', batch.copyOut]], m);
  const sum = (k: keyof RunTimings): number => batchTimings.reduce((s, t) => s + t[k], 0) / 1000;
  phases(
    'Patchbay batch mode',
    [
      ['host: project + stringify', sum('encodeMs')],
      ['sandbox process: IPC + copy + parse + run + check + stringify', sum('runMs')],
      ['host: parse output', sum('decodeMs')],
      ['setup (context, load, analysis)', sum('setupMs') + sum('transpileMs')],
    ],
    n,
  );
  return results;
};

function minBreakdown(all: readonly Breakdown[]): Breakdown {
  const best = (k: keyof Breakdown): number => Math.min(...all.map((b) => b[k]));
  return { copyIn: best('copyIn'), run: best('run'), copyOut: best('copyOut') };
}
