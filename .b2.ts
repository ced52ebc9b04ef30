import { createHarness } from './bench/code-transports';
import { purchaseOrders } from './bench/code-fixtures';
const records = purchaseOrders(6000);
const h = await createHarness(256);
const size = 500;
async function seq() {
  for (let i = 0; i < records.length; i += size) {
    const out = await h.fn.batchJson.apply(undefined, [JSON.stringify(records.slice(i, i + size))]);
    JSON.parse(out as string);
  }
}
async function piped() {
  let pending: Promise<unknown> | null = null;
  for (let i = 0; i < records.length; i += size) {
    const call = h.fn.batchJson.apply(undefined, [JSON.stringify(records.slice(i, i + size))]);
    if (pending) JSON.parse((await pending) as string);
    pending = call;
  }
  if (pending) JSON.parse((await pending) as string);
}
function naive() { for (const r of records) h.fn.userRun.applySync(undefined, [r], { arguments: { copy: true }, result: { copy: true } }); }
const t = { seq: 0, piped: 0, naive: 0 };
for (let round = 0; round < 6; round++) {
  let s = performance.now(); await seq(); t.seq += performance.now() - s;
  s = performance.now(); await piped(); t.piped += performance.now() - s;
  s = performance.now(); naive(); t.naive += performance.now() - s;
}
console.log(t, 'naive/seq', t.naive / t.seq, 'naive/piped', t.naive / t.piped);
h.dispose();
