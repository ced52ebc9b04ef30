import { entityTable, itemTable } from './sql-tables-lists';
import { lineAmount, orderTotal, selectName, statusLabels, type CustomFieldDef, type SimAccount, type SimLine, type SimOrder } from './model';

// The SuiteQL tables the simulator knows (transaction and transactionline here, read straight
// from the orders, nothing materialised; entity and item in sql-tables-lists.ts): column
// readers, BUILTIN.DF display readers, `SELECT *` column lists, and TO_CHAR date formatting.

export type DateVal = { readonly ms: number; readonly dateOnly: boolean };
export type Val = string | number | DateVal | null;

export interface Table<R> {
  readonly name: string;
  rows(account: SimAccount, transactionIds: readonly number[] | null): Iterable<R>;
  column(account: SimAccount, name: string): ((r: R) => Val) | undefined;
  /** What `SELECT *` returns, in order. */
  columnNames(account: SimAccount): string[];
  display(account: SimAccount, name: string): ((r: R) => string | null) | undefined;
}

export const isDate = (v: Val): v is DateVal => typeof v === 'object' && v !== null;
const dayVal = (iso: string): DateVal => ({ ms: Date.parse(`${iso}T00:00:00Z`), dateOnly: true });
const tf = (b: boolean): string => (b ? 'T' : 'F');

function customColumn<R>(field: CustomFieldDef, get: (r: R) => SimOrder['custom'] | undefined): (r: R) => Val {
  return (r) => {
    const v = get(r)?.[field.id];
    if (v === undefined || v === '') return null;
    if (field.type === 'checkbox') return tf(v === true);
    if (field.type === 'select') return Number(v);
    if (field.type === 'date') return dayVal(String(v));
    return typeof v === 'number' ? v : String(v);
  };
}

const transaction: Table<SimOrder> = {
  name: 'transaction',
  *rows(account) {
    yield* account.orders.values();
  },
  column(account, name) {
    const cols = transactionColumns;
    if (cols[name]) return cols[name];
    const field = account.customFields.find((f) => f.scope === 'body' && f.id.toLowerCase() === name);
    return field ? customColumn<SimOrder>(field, (o) => o.custom) : undefined;
  },
  columnNames: (account) => [...Object.keys(transactionColumns), ...customNames(account, 'body')],
  display(account, name) {
    const names: Record<string, (o: SimOrder) => string | null> = {
      entity: (o) => account.vendors.get(o.entityId)?.name ?? null,
      subsidiary: (o) => account.subsidiaries.get(o.subsidiaryId) ?? null,
      currency: (o) => account.currencies.get(o.currencyId) ?? null,
      status: (o) => `Purchase Order : ${statusLabels[o.statusCode] ?? o.statusCode}`,
      type: () => 'Purchase Order',
    };
    if (names[name]) return names[name];
    const field = account.customFields.find((f) => f.scope === 'body' && f.id.toLowerCase() === name && f.type === 'select');
    return field ? (o) => (o.custom[field.id] === undefined ? null : (selectName(field, o.custom[field.id] as string) ?? null)) : undefined;
  },
};

const customNames = (account: SimAccount, scope: 'body' | 'line'): string[] => account.customFields.filter((f) => f.scope === scope).map((f) => f.id.toLowerCase());

const transactionColumns: Record<string, (o: SimOrder) => Val> = {
      id: (o) => o.id,
      tranid: (o) => o.tranId,
      trandate: (o) => dayVal(o.tranDate),
      type: () => 'PurchOrd',
      recordtype: () => 'purchaseorder',
      externalid: (o) => o.externalId ?? null,
      entity: (o) => Number(o.entityId),
      subsidiary: (o) => Number(o.subsidiaryId),
      currency: (o) => Number(o.currencyId),
      email: (o) => o.email ?? null,
      memo: (o) => o.memo ?? null,
      status: (o) => o.statusCode,
      foreigntotal: (o) => orderTotal(o),
      exchangerate: (o) => o.exchangeRate,
      createddate: (o) => ({ ms: o.createdMs, dateOnly: false }),
      lastmodifieddate: (o) => ({ ms: o.modifiedMs, dateOnly: false }),
};

const lineColumns = (account: SimAccount): Record<string, (r: LineRow) => Val> => ({
  id: (r) => r.line?.line ?? 0,
  transaction: (r) => r.order.id,
  linesequencenumber: (r) => r.line?.line ?? 0,
  mainline: (r) => tf(r.line === null),
  item: (r) => (r.line ? Number(r.line.itemId) : null),
  memo: (r) => (r.line ? r.line.description : (r.order.memo ?? null)),
  quantity: (r) => r.line?.quantity ?? null,
  rate: (r) => r.line?.rate ?? null,
  foreignamount: (r) => (r.line ? lineAmount(r.line) : orderTotal(r.order)),
  netamount: (r) => (r.line ? lineAmount(r.line) : orderTotal(r.order)),
  itemtype: (r) => (r.line ? (account.items.get(r.line.itemId)?.type ?? 'InvtPart') : null),
  quantityshiprecv: (r) => r.line?.quantityReceived ?? null,
  quantitybilled: (r) => r.line?.quantityBilled ?? null,
  isclosed: (r) => (r.line ? tf(r.line.isClosed) : null),
});

/** A transaction line; `line` null is the header's mainline row, which SuiteQL also returns. */
type LineRow = { readonly order: SimOrder; readonly line: SimLine | null };

const transactionline: Table<LineRow> = {
  name: 'transactionline',
  *rows(account, ids) {
    const orders = ids ? ids.map((id) => account.orders.get(id)).filter((o): o is SimOrder => o !== undefined) : account.orders.values();
    for (const order of orders) {
      yield { order, line: null };
      for (const line of order.lines) yield { order, line };
    }
  },
  columnNames: (account) => [...Object.keys(lineColumns(account)), ...customNames(account, 'line')],
  column(account, name) {
    const cols = lineColumns(account);
    if (cols[name]) return cols[name];
    const field = account.customFields.find((f) => f.scope === 'line' && f.id.toLowerCase() === name);
    return field ? customColumn<LineRow>(field, (r) => r.line?.custom) : undefined;
  },
  display(account, name) {
    if (name === 'item') return (r) => (r.line ? (account.items.get(r.line.itemId)?.name ?? null) : null);
    return undefined;
  },
};

export const tables: Record<string, Table<unknown>> = {
  transaction: transaction as Table<unknown>,
  transactionline: transactionline as Table<unknown>,
  entity: entityTable as Table<unknown>,
  vendor: entityTable as Table<unknown>,
  item: itemTable as Table<unknown>,
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const dateParts: Record<string, (t: Date) => string> = {
  YYYY: (t) => String(t.getUTCFullYear()),
  MM: (t) => pad2(t.getUTCMonth() + 1),
  DD: (t) => pad2(t.getUTCDate()),
  HH24: (t) => pad2(t.getUTCHours()),
  HH: (t) => pad2(t.getUTCHours() % 12 || 12),
  MI: (t) => pad2(t.getUTCMinutes()),
  SS: (t) => pad2(t.getUTCSeconds()),
};

/** TO_CHAR format → formatter, compiled once per query (it runs for every row). */
export function dateFormatter(format: string): (d: DateVal) => string {
  const pieces: Array<string | ((t: Date) => string)> = [];
  const re = /"([^"]*)"|YYYY|HH24|HH|MM|DD|MI|SS/g;
  let last = 0;
  for (let m = re.exec(format); m !== null; m = re.exec(format)) {
    if (m.index > last) pieces.push(format.slice(last, m.index));
    pieces.push(m[1] !== undefined ? m[1] : (dateParts[m[0]] as (t: Date) => string));
    last = m.index + m[0].length;
  }
  if (last < format.length) pieces.push(format.slice(last));
  return (d) => {
    const t = new Date(d.ms);
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : p(t);
    return out;
  };
}

