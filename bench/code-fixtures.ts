// Synthetic NetSuite purchase orders (record-API shape, ~4 KB of JSON each) and the small user
// function the code bench runs over them: the Order Sync mapping of DESIGN.md, written as code.

export interface PoLine {
  readonly line: number;
  readonly item: { readonly id: string; readonly refName: string };
  readonly description: string;
  readonly quantity: number;
  readonly rate: number;
  readonly amount: number;
  readonly [key: string]: unknown;
}

export interface PurchaseOrder {
  readonly tranId: string;
  readonly email: string;
  readonly subsidiary: { readonly id: string; readonly refName: string };
  readonly custbody_assigned_procurement_rep: string;
  readonly custbody_shipping_priority: string;
  readonly item: { readonly items: readonly PoLine[] };
  readonly [key: string]: unknown;
}

const REPS = ['Jane Doe', 'Ravi Patel', 'María José García', 'Li Wei', 'Tom Smith'];
const COLORS = ['Blue', 'Graphite', 'Sand', 'Forest'];

function line(po: number, j: number): PoLine {
  const sku = 1000 + ((po * 7 + j * 13) % 4000);
  const quantity = 1 + ((po + j) % 24);
  const rate = Math.round((3 + ((po * 31 + j * 17) % 500) / 7) * 100) / 100;
  return {
    line: j + 1,
    item: { id: String(sku), refName: `SKU-${sku}` },
    description: `Industrial part ${sku}, grade ${String.fromCharCode(65 + (j % 5))}, packed in cartons of ${quantity}`,
    quantity,
    rate,
    amount: Math.round(quantity * rate * 100) / 100,
    units: 'Each',
    expectedReceiptDate: `2026-0${1 + (j % 9)}-1${j % 10}`,
    isClosed: false,
    isBillable: j % 3 === 0,
    location: { id: '3', refName: 'Main Warehouse : Receiving' },
    department: { id: '7', refName: 'Operations' },
    custcol_color: COLORS[(po + j) % COLORS.length],
    custcol_vendor_part_number: `VPN-${sku}-${j}`,
  };
}

export function purchaseOrder(i: number): PurchaseOrder {
  const id = 100_000 + i;
  return {
    id: String(id),
    tranId: `PO${id}`,
    tranDate: '2026-10-14',
    createdDate: '2026-10-14T09:12:44Z',
    lastModifiedDate: '2026-10-15T16:40:02Z',
    entity: { id: String(500 + (i % 300)), refName: `Vendor ${i % 300} Supplies Inc.` },
    subsidiary: { id: '1', refName: 'Patchbay Demo Co : US' },
    email: `orders${i % 300}@vendor${i % 300}.example.com`,
    currency: { id: '1', refName: 'USD' },
    exchangeRate: 1,
    memo: `Replenishment order ${id} for Q4 stock, confirm delivery window with the receiving team`,
    status: { id: 'pendingReceipt', refName: 'Pending Receipt' },
    location: { id: '3', refName: 'Main Warehouse' },
    terms: { id: '2', refName: 'Net 30' },
    shipAddress: `Patchbay Demo Co\nReceiving Dock ${i % 4}\n100 Harbor Way\nOakland CA 94607\nUnited States`,
    billAddress: 'Patchbay Demo Co\nAccounts Payable\n100 Harbor Way\nOakland CA 94607\nUnited States',
    custbody_assigned_procurement_rep: REPS[i % REPS.length] as string,
    custbody_shipping_priority: i % 4 === 0 ? 'High' : 'Standard',
    item: { items: Array.from({ length: 7 + (i % 3) }, (_, j) => line(i, j)) },
    links: [{ rel: 'self', href: `https://123456-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/purchaseOrder/${id}` }],
  };
}

/** `n` records; at most `distinct` different objects (cycled), so 100,000 of them fit the heap comfortably. */
export function purchaseOrders(n: number, distinct = 10_000): PurchaseOrder[] {
  const pool = Array.from({ length: Math.min(n, distinct) }, (_, i) => purchaseOrder(i));
  return Array.from({ length: n }, (_, i) => pool[i % pool.length] as PurchaseOrder);
}

/** The user's function, as the source text every variant compiles (plain JS is valid TS too). */
export const TRANSFORM_SOURCE = `function run(po) {
  const rep = po.custbody_assigned_procurement_rep;
  const space = rep.indexOf(' ');
  return {
    external_order_id: po.tranId,
    vendor: { name: po.subsidiary.refName, email: po.email },
    lineItems: po.item.items.map((l) => ({ sku: l.item.refName, product_name: l.description, quantity: l.quantity, unit_cost: l.rate })),
    custom_field_1: rep,
    custom_field_2: po.custbody_shipping_priority,
    first_name: space < 0 ? rep : rep.slice(0, space),
    last_name: space < 0 ? '' : rep.slice(space + 1),
  };
}`;

/** The same function as a Custom Code module. */
export const TRANSFORM_MODULE = `export ${TRANSFORM_SOURCE}\n`;

/** Only the fields TRANSFORM_SOURCE reads (the "input projection" transport). */
export function project(po: PurchaseOrder): unknown {
  return {
    tranId: po.tranId,
    email: po.email,
    subsidiary: { refName: po.subsidiary.refName },
    custbody_assigned_procurement_rep: po.custbody_assigned_procurement_rep,
    custbody_shipping_priority: po.custbody_shipping_priority,
    item: { items: po.item.items.map((l) => ({ item: { refName: l.item.refName }, description: l.description, quantity: l.quantity, rate: l.rate })) },
  };
}
