import type { CustomFieldDef, CustomValue, SimAccount, SimLine, SimOrder } from './model';
import { nsError, userError } from './ns-errors';

// PATCH / POST / PUT eid: semantics (reference §5): partial updates, `null` clears, read-only
// fields ignored, invalid references refused with o:errorPath, and the item sublist merged by
// `line` (or replaced with ?replace=item).

type Json = Record<string, unknown>;
const readOnly = new Set(['id', 'links', 'createdDate', 'lastModifiedDate', 'total', 'status', 'orderStatus', 'expense']);

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function refId(v: unknown, path: string): string {
  if (isObj(v) && (typeof v.id === 'string' || typeof v.id === 'number')) return String(v.id);
  throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be an object such as {"id": "12"}.`, { path });
}

function invalidValue(value: string, field: string, path: string): Error {
  return userError(`You have entered an Invalid Field Value ${value} for the following field: ${field}`, path);
}

function customValue(field: CustomFieldDef, v: unknown, path: string): CustomValue | undefined {
  if (v === null) return undefined;
  switch (field.type) {
    case 'select': {
      const id = refId(v, path);
      if (!field.list?.values.some((x) => x.id === id)) throw invalidValue(id, field.id, path);
      return id;
    }
    case 'checkbox':
      if (typeof v !== 'boolean') throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be true or false.`, { path });
      return v;
    case 'decimal':
    case 'integer':
      if (typeof v !== 'number') throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be a number.`, { path });
      return v;
    case 'date':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be a date YYYY-MM-DD.`, { path });
      return v;
    default:
      if (typeof v !== 'string') throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be text.`, { path });
      return v;
  }
}

function text(v: unknown, path: string): string | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'string') throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be text.`, { path });
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be a number.`, { path });
  return v;
}

function applyLine(account: SimAccount, target: SimLine, body: Json, path: string): void {
  for (const [k, v] of Object.entries(body)) {
    const p = `${path}.${k}`;
    if (k === 'line' || k === 'links' || k === 'amount') continue;
    if (k === 'item') {
      const id = refId(v, p);
      const item = account.items.get(id);
      if (!item) throw invalidValue(id, 'item', p);
      target.itemId = id;
      if (!('description' in body)) target.description = item.description;
      if (!('rate' in body)) target.rate = item.rate;
    } else if (k === 'quantity') target.quantity = num(v, p);
    else if (k === 'rate') target.rate = num(v, p);
    else if (k === 'description') target.description = text(v, p) ?? '';
    else if (k === 'isClosed') target.isClosed = v === true;
    else {
      const field = account.customFields.find((f) => f.scope === 'line' && f.id === k);
      if (!field) continue; // unknown properties are ignored (PropertyNameValidation: warning)
      const value = customValue(field, v, p);
      if (value === undefined) delete target.custom[k];
      else target.custom[k] = value;
    }
  }
}

function applyItems(account: SimAccount, order: SimOrder, v: unknown, replace: boolean): void {
  const list = v === null ? null : isObj(v) ? v.items : undefined;
  if (list === null) {
    order.lines = [];
    return;
  }
  if (!Array.isArray(list)) throw nsError(400, 'INVALID_CONTENT', 'Invalid content in the request body: item must be {"items": [...]}.', { path: 'item' });
  const kept: SimLine[] = replace ? [] : [...order.lines];
  let nextLine = order.lines.reduce((m, l) => Math.max(m, l.line), 0) + 1;
  list.forEach((raw, i) => {
    const path = `item.items[${i}]`;
    if (!isObj(raw)) throw nsError(400, 'INVALID_CONTENT', `Invalid content in the request body: ${path} must be an object.`, { path });
    const key = typeof raw.line === 'number' ? raw.line : undefined;
    const existing = key === undefined ? undefined : order.lines.find((l) => l.line === key);
    if (existing) {
      applyLine(account, existing, raw, path);
      if (replace) kept.push(existing);
      return;
    }
    if (!('item' in raw)) throw userError('Please enter value(s) for: Item', `${path}.item`);
    const line: SimLine = { line: nextLine++, itemId: '', description: '', quantity: 1, rate: 0, quantityReceived: 0, quantityBilled: 0, isClosed: false, custom: {} };
    applyLine(account, line, raw, path);
    kept.push(line);
  });
  order.lines = kept.sort((a, b) => a.line - b.line);
}

export function applyBody(account: SimAccount, order: SimOrder, body: Json, replace: ReadonlySet<string>, nowMs: number): void {
  for (const [k, v] of Object.entries(body)) {
    if (readOnly.has(k)) continue;
    if (k === 'item') applyItems(account, order, v, replace.has('item'));
    else if (k === 'entity') {
      const id = refId(v, k);
      if (!account.vendors.has(id)) throw invalidValue(id, 'entity', k);
      order.entityId = id;
      order.email ??= account.vendors.get(id)?.email;
    } else if (k === 'subsidiary') {
      const id = refId(v, k);
      if (!account.subsidiaries.has(id)) throw invalidValue(id, 'subsidiary', k);
      order.subsidiaryId = id;
    } else if (k === 'currency') {
      const id = refId(v, k);
      if (!account.currencies.has(id)) throw invalidValue(id, 'currency', k);
      order.currencyId = id;
    } else if (k === 'tranDate') {
      const d = text(v, k);
      if (d === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw nsError(400, 'INVALID_CONTENT', 'Invalid content in the request body: tranDate must be YYYY-MM-DD.', { path: k });
      order.tranDate = d;
    } else if (k === 'tranId') order.tranId = text(v, k) ?? order.tranId;
    else if (k === 'externalId') order.externalId = text(v, k);
    else if (k === 'email') order.email = text(v, k);
    else if (k === 'memo') order.memo = text(v, k);
    else {
      const field = account.customFields.find((f) => f.scope === 'body' && f.id === k);
      if (!field) continue;
      const value = customValue(field, v, k);
      if (value === undefined) delete order.custom[k];
      else order.custom[k] = value;
    }
  }
  order.modifiedMs = nowMs;
  account.version++;
}

export function createOrder(account: SimAccount, body: Json, nowMs: number, externalId?: string): SimOrder {
  if (!('entity' in body)) throw userError('Please enter value(s) for: Vendor', 'entity');
  const ext = externalId ?? (typeof body.externalId === 'string' ? body.externalId : undefined);
  if (ext !== undefined && [...account.orders.values()].some((o) => o.externalId === ext)) throw userError('This entity already exists.', 'externalId');
  const id = account.nextId;
  const order: SimOrder = {
    id,
    tranId: `PO${id + 40}`,
    tranDate: new Date(nowMs).toISOString().slice(0, 10),
    externalId: ext,
    entityId: '',
    subsidiaryId: '1',
    currencyId: '1',
    statusCode: 'B',
    exchangeRate: 1,
    createdMs: nowMs,
    modifiedMs: nowMs,
    custom: {},
    lines: [],
  };
  // Validate on a draft so a refused create leaves no trace.
  applyBody(account, order, { ...body, ...(externalId !== undefined ? { externalId } : {}) }, new Set(), nowMs);
  if (order.lines.length === 0) throw userError('You must enter at least one line item for this transaction.', 'item');
  account.nextId++;
  account.orders.set(id, order);
  return order;
}

export function findByExternalId(account: SimAccount, externalId: string): SimOrder | undefined {
  for (const o of account.orders.values()) if (o.externalId === externalId) return o;
  return undefined;
}
