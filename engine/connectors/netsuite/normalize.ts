import type { SuiteQlRow } from './suiteql';
import type { CustomFieldInfo, JsonObject, PurchaseOrder } from './types';

// SuiteQL rows → the record API's expanded purchase-order shape, so a mapping written against
// `GET purchaseOrder/{id}?expandSubResources=true` works unchanged on SuiteQL results. Links are
// dropped from both paths: they are transport detail, not data.

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
const bool = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === 'T' || v === 'true');
const ref = (id: string | undefined, refName: string | undefined): JsonObject | undefined =>
  id === undefined ? undefined : refName === undefined ? { id } : { id, refName };

/** SuiteQL date-times (`YYYY-MM-DD HH24:MI:SS`) are read as UTC (reference §4: the zone is unconfirmed). */
export function isoFromSql(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(v);
  return m ? `${m[1]}T${m[2]}Z` : v;
}

/** `Purchase Order : Pending Receipt` → `Pending Receipt` (BUILTIN.DF prefixes the type). */
function statusLabel(df: string | undefined): string | undefined {
  if (df === undefined) return undefined;
  const i = df.lastIndexOf(' : ');
  return i >= 0 ? df.slice(i + 3) : df;
}

function customValue(row: SuiteQlRow, field: CustomFieldInfo): unknown {
  const v = row[field.id.toLowerCase()];
  if (v === undefined) return undefined;
  switch (field.type) {
    case 'checkbox':
      return bool(v);
    case 'integer':
    case 'decimal':
      return num(v);
    case 'datetime':
      return isoFromSql(v);
    case 'select':
      return ref(v, row[`${field.id.toLowerCase()}_df`]);
    case 'multiselect': {
      const ids = v.split(',').map((s) => s.trim());
      const names = (row[`${field.id.toLowerCase()}_df`] ?? '').split(',').map((s) => s.trim());
      const items = ids.map((id, i) => (names[i] ? { id, refName: names[i] } : { id }));
      return { items, totalResults: items.length, count: items.length, offset: 0, hasMore: false };
    }
    default:
      return v;
  }
}

function put(target: JsonObject, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

export function lineFromRow(row: SuiteQlRow, custom: readonly CustomFieldInfo[]): JsonObject {
  const line: JsonObject = {};
  put(line, 'line', num(row.linesequencenumber));
  put(line, 'item', ref(row.item, row.item_name));
  put(line, 'description', row.memo);
  put(line, 'quantity', num(row.quantity));
  put(line, 'rate', num(row.rate));
  put(line, 'amount', num(row.foreignamount));
  put(line, 'itemType', row.itemtype === undefined ? undefined : { id: row.itemtype, refName: row.itemtype });
  put(line, 'quantityReceived', num(row.quantityshiprecv));
  put(line, 'quantityBilled', num(row.quantitybilled));
  put(line, 'isClosed', bool(row.isclosed));
  for (const f of custom) if (f.scope === 'line') put(line, f.id, customValue(row, f));
  return line;
}

export function orderFromRows(header: SuiteQlRow, lines: readonly SuiteQlRow[], custom: readonly CustomFieldInfo[]): PurchaseOrder {
  const po: JsonObject = { id: header.id ?? '' };
  put(po, 'tranId', header.tranid);
  put(po, 'tranDate', header.trandate);
  put(po, 'externalId', header.externalid);
  put(po, 'entity', ref(header.entity, header.entity_name));
  put(po, 'subsidiary', ref(header.subsidiary, header.subsidiary_name));
  put(po, 'currency', ref(header.currency, header.currency_name));
  put(po, 'email', header.email);
  put(po, 'memo', header.memo);
  const label = statusLabel(header.status_name);
  put(po, 'status', label === undefined ? undefined : { id: label, refName: label });
  put(po, 'orderStatus', header.status === undefined ? undefined : { id: header.status, refName: header.status });
  put(po, 'total', num(header.foreigntotal));
  put(po, 'exchangeRate', num(header.exchangerate));
  put(po, 'createdDate', isoFromSql(header.createddate));
  put(po, 'lastModifiedDate', isoFromSql(header.lastmodifieddate));
  for (const f of custom) if (f.scope === 'body') put(po, f.id, customValue(header, f));
  const items = lines.map((l) => lineFromRow(l, custom));
  po.item = { items, totalResults: items.length };
  return po as PurchaseOrder;
}

/** Record-API output without `links` (at any depth), the form both fetch strategies return. */
export function stripLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLinks);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'links') out[k] = stripLinks(v);
  return out;
}
