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
`;

const FUNCTIONS = ['userRun', 'runDiscard', 'noop', 'perRecordJson', 'parseOnly', 'parseRun', 'batchJson', 'batchCopy'] as const;
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

/** Where per-record copying spends its time, in seconds over all records. */
export function perRecordBreakdown(h: Harness, records: readonly unknown[]): Breakdown {
  const copyIn = seconds(() => {
    for (const r of records) h.fn.noop.applySync(undefined, [r], { arguments: { copy: true } });
  });
  const inAndRun = seconds(() => {
    for (const r of records) h.fn.runDiscard.applySync(undefined, [r], { arguments: { copy: true } });
  });
  const all = seconds(() => perRecordCopy(h, records));
  return { copyIn, run: Math.max(0, inAndRun - copyIn), copyOut: Math.max(0, all - inAndRun) };
}

/** Where JSON-text batches spend their time: copy in includes the host's stringify and the parse inside. */
export function batchBreakdown(h: Harness, records: readonly unknown[], size: number): Breakdown {
  const cs = chunks(records, size);
  const copyIn = seconds(() => {
    for (const c of cs) h.fn.parseOnly.applySync(undefined, [JSON.stringify(c)]);
  });
  const inAndRun = seconds(() => {
    for (const c of cs) h.fn.parseRun.applySync(undefined, [JSON.stringify(c)]);
  });
  const all = seconds(() => batchJson(h, records, size));
  return { copyIn, run: Math.max(0, inAndRun - copyIn), copyOut: Math.max(0, all - inAndRun) };
}
