import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { compileMapping, type CompiledMapping } from '../engine/mapping/compiled';
import { purchaseOrders } from '../engine/mapping/fixtures/purchase-orders';
import { importMapping } from '../engine/mapping/spreadsheet';
import { splitFullName } from '../engine/mapping/transforms/names';
import type { BenchOptions, BenchResult } from './types';

// `npm run bench -- mapping`: synthetic NetSuite purchase orders (1–20 lines, ≈4 KB) mapped with
// the seed mapping (resources/samples/seed-mapping.csv, which includes splitName) three ways:
// a hand-written function (the baseline), Patchbay's compiled mapping, and JSONata. Orders are
// generated in chunks outside the timed sections so memory stays bounded.


type Order = Record<string, unknown>;
type Mapper = (orders: readonly Order[]) => Promise<unknown[]> | unknown[];

interface Ref {
  readonly refName?: unknown;
}
interface Line {
  readonly item?: Ref;
  readonly description?: unknown;
  readonly quantity?: unknown;
  readonly rate?: unknown;
}
interface PurchaseOrder {
  readonly tranId?: unknown;
  readonly email?: unknown;
  readonly subsidiary?: Ref;
  readonly entity?: Ref;
  readonly custbody_assigned_procurement_rep?: Ref;
  readonly custbody_shipping_priority?: Ref;
  readonly item?: { readonly items?: unknown };
}

/** What a developer would write by hand for the seed mapping. */
export function handWritten(order: Order): Record<string, unknown> {
  const po = order as PurchaseOrder;
  const raw = po.item?.items;
  const lines = (Array.isArray(raw) ? raw : []) as Line[];
  const lineItems = [];
  for (const l of lines) lineItems.push({ sku: l.item?.refName, product_name: l.description, quantity: l.quantity, unit_cost: l.rate });
  const full = po.entity?.refName;
  const name = typeof full === 'string' ? splitFullName(full) : null;
  return {
    external_order_id: po.tranId,
    vendor: { name: po.subsidiary?.refName, email: po.email },
    lineItems,
    custom_field_1: po.custbody_assigned_procurement_rep?.refName,
    custom_field_2: po.custbody_shipping_priority?.refName,
    first_name: name ? name.first : full,
    last_name: name ? name.last : full,
  };
}

export const JSONATA_SEED = `{
  "external_order_id": tranId,
  "vendor": { "name": subsidiary.refName, "email": email },
  "lineItems": [item.items.{ "sku": item.refName, "product_name": description, "quantity": quantity, "unit_cost": rate }],
  "custom_field_1": custbody_assigned_procurement_rep.refName,
  "custom_field_2": custbody_shipping_priority.refName,
  "first_name": $splitName(entity.refName).first,
  "last_name": $splitName(entity.refName).last
}`;

export async function seedMapping(): Promise<CompiledMapping> {
  const csv = readFileSync(new URL('../resources/samples/seed-mapping.csv', import.meta.url));
  const { rules } = await importMapping(new Uint8Array(csv), { fileName: 'seed-mapping.csv' });
  return compileMapping(rules);
}

export async function mappers(): Promise<{ name: string; map: Mapper }[]> {
  const compiled = await seedMapping();
  const expr = jsonata(JSONATA_SEED);
  expr.registerFunction('splitName', (s: unknown) => (typeof s === 'string' ? splitFullName(s) : undefined), '<s-:o>');
  return [
    { name: 'hand-written JS (baseline)', map: (orders) => orders.map(handWritten) },
    { name: 'Patchbay compiled mapping', map: (orders) => compiled.mapRecords(orders).values },
    {
      name: 'JSONata',
      map: async (orders) => {
        const out: unknown[] = [];
        for (const o of orders) out.push(await expr.evaluate(o));
        return out;
      },
    },
  ];
}

const canonical = (v: unknown): string => JSON.stringify(v);

/** Throws unless all three produce the same JSON for `orders` (a bench of different work is void). */
export async function checkEquivalent(orders: readonly Order[]): Promise<void> {
  const all = await mappers();
  const outputs = await Promise.all(all.map(async (m) => (await m.map(orders)).map(canonical)));
  const [base, ...rest] = outputs;
  rest.forEach((out, i) => {
    const at = out.findIndex((v, j) => v !== base?.[j]);
    if (at >= 0) throw new Error(`${all[i + 1]?.name} differs from the baseline on order ${at}: ${out[at]} vs ${base?.[at]}`);
  });
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const total = opts.quick ? 5_000 : 100_000;
  const chunk = opts.quick ? 5_000 : 10_000;
  const all = await mappers();
  await checkEquivalent(purchaseOrders(200, 7));
  // Warm up every implementation so the first timed chunk is not paying for compilation.
  const warm = purchaseOrders(2_000, 11);
  for (const m of all) await m.map(warm);
  const elapsed = all.map(() => 0);
  // Best of three per chunk (JSONata, being slow, once), in rotating order, so garbage left by
  // generating a chunk or by the previous implementation does not land on one of them only.
  let round = 0;
  for (let start = 0; start < total; start += chunk) {
    const orders = purchaseOrders(Math.min(chunk, total - start), 1, {}, start);
    const best = all.map(() => Infinity);
    for (let rep = 0; rep < 3; rep++) {
      for (let k = 0; k < all.length; k++) {
        const i = (k + round) % all.length;
        const m = all[i];
        if (!m || (m.name === 'JSONata' && rep > 0)) continue;
        const t0 = process.hrtime.bigint();
        await m.map(orders);
        best[i] = Math.min(best[i] ?? Infinity, Number(process.hrtime.bigint() - t0) / 1e9);
      }
      round += 1;
    }
    best.forEach((s, i) => (elapsed[i] = (elapsed[i] ?? 0) + s));
  }
  const rates = elapsed.map((s) => total / s);
  const baseline = rates[0] ?? 1;
  const results: BenchResult[] = all.map((m, i) => ({
    name: `${m.name}, ${total.toLocaleString('en-US')} orders`,
    value: Math.round(rates[i] ?? 0),
    unit: 'records/s',
    ratio: i === 0 ? null : Number(((rates[i] ?? 0) / baseline).toFixed(3)),
  }));
  const goal = Number(((rates[1] ?? 0) / baseline).toFixed(3));
  results.push({ name: 'goal: compiled mapping / hand-written (>= 0.5)', value: goal, unit: 'x', ratio: goal });
  return results;
}
