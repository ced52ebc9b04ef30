import ivm from 'isolated-vm';
import { TRANSFORM_SOURCE } from './code-fixtures';

// The ways a record can cross into an isolate and back, measured raw (one isolate, one context,
// no Patchbay sandbox around them) so the suite can compare transports on equal terms.
const HELPERS = `
const userRun = ${TRANSFORM_SOURCE};
globalThis.userRun = userRun;
globalThis.runDiscard = function (r) { userRun(r); return 0; };
globalThis.noop = function () { return 0; };
globalThis.perRecordJson = function (text) { return JSON.stringify(userRun(JSON.parse(text))); };
globalThis.parseOnly = function (text) { return JSON.parse(text).length; };
globalThis.parseRun = function (text) { const a = JSON.parse(text); for (let i = 0; i < a.length; i++) userRun(a[i]); return a.length; };
globalThis.batchJson = function (text) {
  const a = JSON.parse(text);
  const out = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = userRun(a[i]);
  return JSON.stringify(out);
};
globalThis.batchCopy = function (a) {
  const out = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = userRun(a[i]);
  return out;
};
// For the breakdown: each phase measured on its own, nothing inferred by subtraction.
let kept = [];
let keptOut = [];
globalThis.keepJson = function (text) { kept = JSON.parse(text); return kept.length; };
globalThis.keepCopy = function (a) { kept = a; return a.length; };
globalThis.runKept = function () {
  const out = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) out[i] = userRun(kept[i]);
  keptOut = out;
  return out.length;
};
globalThis.outJson = function () { return JSON.stringify(keptOut); };
globalThis.outOne = function (i) { return keptOut[i]; };
`;

const FUNCTIONS = [
  'userRun',
  'runDiscard',
  'noop',
  'perRecordJson',
  'parseOnly',
  'parseRun',
  'batchJson',
  'batchCopy',
  'keepJson',
  'keepCopy',
  'runKept',
  'outJson',
  'outOne',
] as const;
type Fn = (typeof FUNCTIONS)[number];

export interface Harness {
  readonly fn: Readonly<Record<Fn, ivm.Reference>>;
  dispose(): void;
}

export async function createHarness(memoryMb = 512): Promise<Harness> {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  const context = await isolate.createContext();
  await context.eval(HELPERS);
  const fn = {} as Record<Fn, ivm.Reference>;
  for (const name of FUNCTIONS) fn[name] = await context.global.get(name, { reference: true });
  return { fn, dispose: () => isolate.dispose() };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Seconds taken by `body`. */
export function seconds(body: () => void): number {
  const t = performance.now();
  body();
  return (performance.now() - t) / 1000;
}

export async function secondsAsync(body: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await body();
  return (performance.now() - t) / 1000;
}

/** Naive per record: structured copy in (`copy: true`), structured copy out. */
export function perRecordCopy(h: Harness, records: readonly unknown[]): void {
  for (const r of records) h.fn.userRun.applySync(undefined, [r], { arguments: { copy: true }, result: { copy: true } });
}

/** The same with the asynchronous call the sandbox must use (its host timer needs a free event loop). */
export async function perRecordCopyAsync(h: Harness, records: readonly unknown[]): Promise<void> {
  for (const r of records) await h.fn.userRun.apply(undefined, [r], { arguments: { copy: true }, result: { copy: true } });
}

/** Per record as JSON text: stringified on the host, parsed and stringified inside. */
export function perRecordJson(h: Harness, records: readonly unknown[]): void {
  for (const r of records) JSON.parse(h.fn.perRecordJson.applySync(undefined, [JSON.stringify(r)]) as string);
}

/** Chunks as JSON text, parsed inside; results as one JSON text per chunk. */
export function batchJson(h: Harness, records: readonly unknown[], size: number, map?: (r: unknown) => unknown): void {
  for (const c of chunks(records, size)) JSON.parse(h.fn.batchJson.applySync(undefined, [JSON.stringify(map ? c.map(map) : c)]) as string);
}

/** Chunks as one structured copy each, results copied back structurally. */
export function batchCopy(h: Harness, records: readonly unknown[], size: number): void {
  for (const c of chunks(records, size)) h.fn.batchCopy.applySync(undefined, [c], { arguments: { copy: true }, result: { copy: true } });
}

export interface Breakdown {
  readonly copyIn: number;
  readonly run: number;
  readonly copyOut: number;
}

/** Where per-record copying spends its time, in seconds over all records (chunks of 500 for the run phase). */
export function perRecordBreakdown(h: Harness, records: readonly unknown[]): Breakdown {
  let copyIn = 0;
  let run = 0;
  let copyOut = 0;
  for (const c of chunks(records, 500)) {
    copyIn += seconds(() => {
      for (const r of c) h.fn.noop.applySync(undefined, [r], { arguments: { copy: true } });
    });
    h.fn.keepCopy.applySync(undefined, [c], { arguments: { copy: true } });
    run += seconds(() => h.fn.runKept.applySync(undefined, []));
    copyOut += seconds(() => {
      for (let i = 0; i < c.length; i++) h.fn.outOne.applySync(undefined, [i], { result: { copy: true } });
    });
  }
  return { copyIn, run, copyOut };
}

/** Where JSON-text batches spend their time: copy in is the host's stringify, the copy and the parse inside; copy out the reverse. */
export function batchBreakdown(h: Harness, records: readonly unknown[], size: number): Breakdown {
  let copyIn = 0;
  let run = 0;
  let copyOut = 0;
  for (const c of chunks(records, size)) {
    copyIn += seconds(() => h.fn.keepJson.applySync(undefined, [JSON.stringify(c)]));
    run += seconds(() => h.fn.runKept.applySync(undefined, []));
    copyOut += seconds(() => JSON.parse(h.fn.outJson.applySync(undefined, []) as string));
  }
  return { copyIn, run, copyOut };
}
