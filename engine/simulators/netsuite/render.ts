import { lineAmount, orderTotal, selectName, statusLabels, type CustomFieldDef, type CustomValue, type SimAccount, type SimLine, type SimOrder } from './model';

// Record-API JSON for purchase orders (reference §3b): references as {links,id,refName}, enums as
// {id,refName} (or bare ids with simpleEnumFormat), empty fields omitted, sublists collapsed to
// links unless expandSubResources=true.

type Json = { [key: string]: unknown };

export interface RenderOptions {
  readonly base: string;
  readonly expand: boolean;
  readonly fields?: ReadonlySet<string> | undefined;
  readonly simpleEnum: boolean;
}

const link = (href: string): Json[] => [{ rel: 'self', href }];

export function recordUrl(base: string, recordType: string, id?: string | number): string {
  return `${base}/services/rest/record/v1/${recordType}${id === undefined ? '' : `/${id}`}`;
}

/** NetSuite date-times in record JSON: ISO UTC, seconds shown as 00. */
export function recordDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}:00Z`;
}

function reference(base: string, recordType: string, id: string, refName: string | undefined): Json {
  const out: Json = { links: link(recordUrl(base, recordType, id)), id };
  if (refName !== undefined) out.refName = refName;
  return out;
}

function enumValue(id: string, refName: string, simple: boolean): unknown {
  return simple ? id : { id, refName };
}

export function customValueJson(base: string, field: CustomFieldDef, value: CustomValue | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  if (field.type === 'select') return reference(base, field.list?.recordType ?? 'customlist', String(value), selectName(field, value));
  return value;
}

function put(target: Json, key: string, value: unknown): void {
  if (value !== undefined && value !== null) target[key] = value;
}

export function renderLine(account: SimAccount, order: SimOrder, line: SimLine, opts: RenderOptions): Json {
  const item = account.items.get(line.itemId);
  const out: Json = { links: link(`${recordUrl(opts.base, 'purchaseorder', order.id)}/item/${line.line}`) };
  put(out, 'line', line.line);
  put(out, 'item', reference(opts.base, 'inventoryitem', line.itemId, item?.name));
  put(out, 'description', line.description || undefined);
  put(out, 'quantity', line.quantity);
  put(out, 'rate', line.rate);
  put(out, 'amount', lineAmount(line));
  put(out, 'itemType', enumValue(item?.type ?? 'InvtPart', item?.type ?? 'InvtPart', opts.simpleEnum));
  put(out, 'quantityReceived', line.quantityReceived);
  put(out, 'quantityBilled', line.quantityBilled);
  put(out, 'isClosed', line.isClosed);
  for (const f of account.customFields) if (f.scope === 'line') put(out, f.id, customValueJson(opts.base, f, line.custom[f.id]));
  return out;
}

export function renderOrder(account: SimAccount, order: SimOrder, opts: RenderOptions): Json {
  const self = recordUrl(opts.base, 'purchaseorder', order.id);
  const label = statusLabels[order.statusCode] ?? order.statusCode;
  const body: Json = {};
  put(body, 'id', String(order.id));
  put(body, 'tranId', order.tranId);
  put(body, 'tranDate', order.tranDate);
  put(body, 'externalId', order.externalId);
  put(body, 'entity', reference(opts.base, 'vendor', order.entityId, account.vendors.get(order.entityId)?.name));
  put(body, 'subsidiary', reference(opts.base, 'subsidiary', order.subsidiaryId, account.subsidiaries.get(order.subsidiaryId)));
  put(body, 'currency', reference(opts.base, 'currency', order.currencyId, account.currencies.get(order.currencyId)));
  put(body, 'email', order.email);
  put(body, 'memo', order.memo);
  put(body, 'status', enumValue(label, label, opts.simpleEnum));
  put(body, 'orderStatus', enumValue(order.statusCode, order.statusCode, opts.simpleEnum));
  put(body, 'total', orderTotal(order));
  put(body, 'exchangeRate', order.exchangeRate);
  put(body, 'createdDate', recordDateTime(order.createdMs));
  put(body, 'lastModifiedDate', recordDateTime(order.modifiedMs));
  for (const f of account.customFields) if (f.scope === 'body') put(body, f.id, customValueJson(opts.base, f, order.custom[f.id]));

  const selfHref = opts.expand ? `${self}?expandSubResources=true` : self;
  if (opts.fields) {
    // `fields=` selects body fields only; sublists cannot be selected (reference §3b).
    const picked: Json = { links: link(selfHref) };
    for (const name of opts.fields) if (name in body) picked[name] = body[name];
    return picked;
  }
  const out: Json = { links: link(selfHref), ...body };
  if (opts.expand) {
    out.item = { links: link(`${self}/item`), items: order.lines.map((l) => renderLine(account, order, l, opts)), totalResults: order.lines.length };
    out.expense = { links: link(`${self}/expense`), items: [], totalResults: 0 };
  } else {
    out.item = { links: link(`${self}/item`) };
    out.expense = { links: link(`${self}/expense`) };
  }
  return out;
}
