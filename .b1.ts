import { createHarness } from './bench/code-transports';
import { purchaseOrders } from './bench/code-fixtures';
const records = purchaseOrders(5000);
for (const mem of [128, 512]) {
  const h = await createHarness(mem);
  const texts: string[] = [];
  for (let i = 0; i < records.length; i += 500) texts.push(JSON.stringify(records.slice(i, i + 500)));
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    for (const x of texts) h.fn.parseOnly.applySync(undefined, [x]);
    const syncParse = performance.now() - t;
    t = performance.now();
    for (const x of texts) await h.fn.parseOnly.apply(undefined, [x]);
    const asyncParse = performance.now() - t;
    t = performance.now();
    for (const x of texts) JSON.parse(x);
    const hostParse = performance.now() - t;
    t = performance.now();
    for (const x of texts) h.fn.batchJson.applySync(undefined, [x]);
    const syncFull = performance.now() - t;
    t = performance.now();
    for (const x of texts) await h.fn.batchJson.apply(undefined, [x]);
    const asyncFull = performance.now() - t;
    console.log(mem, { syncParse, asyncParse, hostParse, syncFull, asyncFull });
  }
  h.dispose();
}
