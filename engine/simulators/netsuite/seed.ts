import type { AccountSpec, CustomFieldDef, Item, Profile, SimAccount, SimLine, SimOrder, Vendor } from './model';

// Deterministic seeding: the same seed and count always give the same account, independent of the
// clock, so tests and benches can name exact records. Times are whole minutes (the record API
// shows seconds as 00) spread over 2024-01-01 … 2025-12-31.

export function prng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = ['Maria', 'James', 'Priya', 'Chen', 'Fatima', 'Lukas', 'Aisha', 'Diego', 'Hannah', 'Kenji', 'Olga', 'Tomás', 'Grace', 'Ibrahim', 'Sofia', 'Noah', 'Amara', 'Mateo', 'Ingrid', 'Ravi'];
const lastNames = ['Gonzalez', "O'Brien", 'Raman', 'Wei', 'Haddad', 'Becker', 'Okafor', 'Fernández', 'Schultz', 'Tanaka', 'Petrova', 'Silva', 'Mensah', 'Van der Berg', 'Rossi', 'Kim', 'Nwosu', 'López', 'Larsen', 'Iyer'];
const colours = ['RED', 'BLUE', 'GREEN', 'BLACK', 'WHITE', 'STEEL'];
const products = [
  ['WIDGET', 'widget'],
  ['BRACKET', 'mounting bracket'],
  ['VALVE', 'ball valve'],
  ['GASKET', 'rubber gasket'],
  ['BOLT', 'hex bolt (box of 50)'],
  ['PANEL', 'access panel'],
  ['HINGE', 'door hinge'],
  ['FILTER', 'air filter'],
  ['CABLE', 'cable assembly'],
  ['SENSOR', 'temperature sensor'],
] as const;
const reps = ['Jordan Lee', 'Sam Patel', 'Alex Morgan', 'Riley Chen', 'Casey Novak'];
const priorities = ['Standard', 'Expedited', 'Overnight'];
const memos = ['Q2 restock', 'Urgent replacement parts', 'Seasonal order', 'Warehouse top-up', 'New line launch'];
const statusMix = 'BBBBBBDDEFFGGHA';

export function customFieldDefs(profile: Profile): CustomFieldDef[] {
  const repList = { recordType: 'employee', values: reps.map((name, i) => ({ id: String(201 + i), name })) };
  const priorityList = { recordType: 'customlist_shipping_priority', values: priorities.map((name, i) => ({ id: String(i + 1), name })) };
  if (profile === 'legacy') {
    return [
      { id: 'custbody2', scope: 'body', label: 'Procurement Rep', type: 'select', list: repList, filterable: true },
      { id: 'custbody7', scope: 'body', label: 'Ship Priority', type: 'select', list: priorityList, filterable: true },
      { id: 'custbody9', scope: 'body', label: 'Tracking #', type: 'text', filterable: true },
      { id: 'custbody12', scope: 'body', label: 'Approved', type: 'checkbox', filterable: true },
      { id: 'custcol28', scope: 'line', label: 'Vendor SKU', type: 'text', filterable: false },
      { id: 'custcol31', scope: 'line', label: 'Est. Delivery', type: 'date', filterable: false },
    ];
  }
  return [
    { id: 'custbody_assigned_procurement_rep', scope: 'body', label: 'Assigned Procurement Rep', type: 'select', list: repList, filterable: true },
    { id: 'custbody_shipping_priority', scope: 'body', label: 'Shipping Priority', type: 'select', list: priorityList, filterable: true },
    { id: 'custbody_tracking_number', scope: 'body', label: 'Tracking Number', type: 'text', filterable: true },
    { id: 'custbody_approved_flag', scope: 'body', label: 'Approved', type: 'checkbox', filterable: true },
    { id: 'custcol_vendor_sku', scope: 'line', label: 'Vendor SKU', type: 'text', filterable: false },
    { id: 'custcol_est_delivery', scope: 'line', label: 'Estimated Delivery', type: 'date', filterable: false },
  ];
}

const startMs = Date.UTC(2024, 0, 1);
const spanMs = Date.UTC(2025, 11, 31) - startMs;
const minute = 60_000;
const day = 86_400_000;

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function seedAccount(input: AccountSpec): SimAccount {
  const spec = { ...input, orders: input.orders ?? 200, seed: input.seed ?? 1, profile: input.profile ?? 'seed', oauth2: input.oauth2 ?? null };
  const rand = prng(spec.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  const vendors = new Map<string, Vendor>();
  for (let i = 0; i < 24; i++) {
    const first = firstNames[(i * 7) % firstNames.length] ?? 'Pat';
    const last = lastNames[(i * 3 + Math.floor(i / 20)) % lastNames.length] ?? 'Doe';
    const slug = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    vendors.set(String(500 + i), { id: String(500 + i), name: `${first} ${last}`, email: `${slug}@vendors.example` });
  }
  const items = new Map<string, Item>();
  let itemId = 70;
  for (const [code, noun] of products) {
    for (const colour of colours) {
      const rate = Math.round((3 + rand() * 120) * 100) / 100;
      items.set(String(itemId), { id: String(itemId), name: `${code}-${colour}`, description: `${colour.toLowerCase()} ${noun}`, type: 'InvtPart', rate });
      itemId++;
    }
  }
  const subsidiaries = new Map([['1', 'Parent Co'], ['2', 'Northwind Supply (US)'], ['3', 'Northwind Supply (CA)']]);
  const currencies = new Map([['1', 'US Dollar'], ['2', 'Canadian Dollar']]);
  const customFields = customFieldDefs(spec.profile);
  const vendorIds = [...vendors.keys()];
  const itemIds = [...items.keys()];

  const orders = new Map<number, SimOrder>();
  for (let i = 0; i < spec.orders; i++) {
    const id = 1001 + i;
    // Creation times increase with the id, as in NetSuite; modifications follow within 45 days.
    const createdMs = startMs + Math.floor(((i + rand() * 0.9) / Math.max(1, spec.orders)) * spanMs / minute) * minute;
    const modifiedMs = createdMs + Math.floor((rand() * 45 * day) / minute) * minute;
    const statusCode = pick(statusMix.split(''));
    const subsidiaryId = pick(['1', '2', '2', '3']);
    const vendor = vendors.get(pick(vendorIds)) as Vendor;
    const lineCount = 1 + Math.floor(rand() * 20);
    const lines: SimLine[] = [];
    for (let n = 1; n <= lineCount; n++) {
      const item = items.get(pick(itemIds)) as Item;
      const quantity = 1 + Math.floor(rand() * 48);
      const received = statusCode === 'D' || statusCode === 'E' ? Math.floor(quantity / 2) : 'FGH'.includes(statusCode) ? quantity : 0;
      const custom: Record<string, string | number | boolean> = {};
      for (const f of customFields) {
        if (f.scope !== 'line') continue;
        if (f.type === 'text') custom[f.id] = `${vendor.name.slice(0, 2).toUpperCase()}-${item.name}-${quantity}`;
        if (f.type === 'date') custom[f.id] = isoDate(createdMs + (7 + Math.floor(rand() * 30)) * day);
      }
      lines.push({
        line: n,
        itemId: item.id,
        description: item.description,
        quantity,
        rate: item.rate,
        quantityReceived: received,
        quantityBilled: 'GH'.includes(statusCode) ? quantity : 0,
        isClosed: statusCode === 'H',
        custom,
      });
    }
    const custom: Record<string, string | number | boolean> = {};
    for (const f of customFields) {
      if (f.scope !== 'body') continue;
      if (f.type === 'select' && f.list) custom[f.id] = pick(f.list.values).id;
      if (f.type === 'checkbox') custom[f.id] = statusCode !== 'A';
      // Tracking numbers start empty: the write-back workflow fills them in.
    }
    orders.set(id, {
      id,
      tranId: `PO${id + 40}`,
      tranDate: isoDate(createdMs),
      externalId: rand() < 0.3 ? `ERP-PO-${id + 40}` : undefined,
      entityId: vendor.id,
      subsidiaryId,
      currencyId: subsidiaryId === '3' ? '2' : '1',
      email: vendor.email,
      memo: rand() < 0.6 ? pick(memos) : undefined,
      statusCode,
      exchangeRate: subsidiaryId === '3' ? 0.74 : 1,
      createdMs,
      modifiedMs,
      custom,
      lines,
    });
  }
  return { spec, vendors, items, subsidiaries, currencies, customFields, orders, nextId: 1001 + spec.orders, version: 0 };
}
