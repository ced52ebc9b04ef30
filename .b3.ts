import ivm from 'isolated-vm';
import { createHarness } from './bench/code-transports';
import { purchaseOrders } from './bench/code-fixtures';
const records = purchaseOrders(6000);
const h = await createHarness(256);
const ctxIso = h.fn.batchJson; // keep
// extra fn: copy in, JSON out
const iso = new ivm.Isolate({ memoryLimit: 256 });
const ctx = await iso.createContext();
const { TRANSFORM_SOURCE } = await import('./bench/code-fixtures');
await ctx.eval(`const userRun = ${TRANSFORM_SOURCE}; globalThis.copyJson = function (a) { const out = new Array(a.length); for (let i = 0; i < a.length; i++) out[i] = userRun(a[i]); return JSON.stringify(out); }; globalThis.copyCopy = function (a) { const out = new Array(a.length); for (let i = 0; i < a.length; i++) out[i] = userRun(a[i]); return out; }; globalThis.jsonJson = function (t) { const a = JSON.parse(t); const out = new Array(a.length); for (let i = 0; i < a.length; i++) out[i] = userRun(a[i]); return JSON.stringify(out); }; globalThis.one = userRun;`);
const copyJson: ivm.Reference = await ctx.global.get('copyJson', { reference: true });
const copyCopy: ivm.Reference = await ctx.global.get('copyCopy', { reference: true });
const jsonJson: ivm.Reference = await ctx.global.get('jsonJson', { reference: true });
const one: ivm.Reference = await ctx.global.get('one', { reference: true });
type V = [string, () => Promise<void> | void];
const chunks = (size: number) => { const o = []; for (let i = 0; i < records.length; i += size) o.push(records.slice(i, i + size)); return o; };
async function pipe(size: number, call: (c: unknown[]) => Promise<unknown>, decode: (x: unknown) => void) {
  let pending: Promise<unknown> | null = null;
  for (const c of chunks(size)) { const p = call(c); if (pending) decode(await pending); pending = p; }
  if (pending) decode(await pending);
}
const variants: V[] = [
  ['naive per-record copy sync', () => { for (const r of records) one.applySync(undefined, [r], { arguments: { copy: true }, result: { copy: true } }); }],
  ['json/json seq 500', async () => { for (const c of chunks(500)) JSON.parse(await jsonJson.apply(undefined, [JSON.stringify(c)]) as string); }],
  ['json/json pipe 500', () => pipe(500, (c) => jsonJson.apply(undefined, [JSON.stringify(c)]), (x) => JSON.parse(x as string))],
  ['copy/copy seq 500', async () => { for (const c of chunks(500)) await copyCopy.apply(undefined, [c], { arguments: { copy: true }, result: { copy: true } }); }],
  ['copy/json seq 500', async () => { for (const c of chunks(500)) JSON.parse(await copyJson.apply(undefined, [c], { arguments: { copy: true } }) as string); }],
  ['copy/json pipe 100', () => pipe(100, (c) => copyJson.apply(undefined, [c], { arguments: { copy: true } }), (x) => JSON.parse(x as string))],
  ['copy/json pipe 500', () => pipe(500, (c) => copyJson.apply(undefined, [c], { arguments: { copy: true } }), (x) => JSON.parse(x as string))],
  ['copy/json pipe 2000', () => pipe(2000, (c) => copyJson.apply(undefined, [c], { arguments: { copy: true } }), (x) => JSON.parse(x as string))],
  ['extcopy/json pipe 500', () => pipe(500, (c) => copyJson.apply(undefined, [new ivm.ExternalCopy(c).copyInto({ release: true })]), (x) => JSON.parse(x as string))],
];
const t = variants.map(() => 0);
for (let round = 0; round < 5; round++) for (const [i, [, f]] of variants.entries()) { const s = performance.now(); await f(); t[i] += performance.now() - s; }
for (const [i, [name]] of variants.entries()) console.log(name.padEnd(30), Math.round(records.length * 5 / (t[i] / 1000)), 'rec/s', (t[0] / t[i]).toFixed(2) + 'x naive');
h.dispose(); iso.dispose(); void ctxIso;
