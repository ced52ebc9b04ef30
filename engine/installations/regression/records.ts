// Where the records sit in a reading block's output, and how to cut that output down to one record.
// Readers differ (`{ orders: [...] }` from NetSuite, `{ status, body: { shipments: [...] } }` from a
// JSON API Call), so the first list of objects found breadth-first is taken as the records.

export type RecordsPath = readonly (string | number)[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first non-empty array of objects at most three levels down, breadth-first. */
export function findRecords(output: unknown): { path: RecordsPath; records: readonly Record<string, unknown>[] } | null {
  let level: { path: RecordsPath; value: unknown }[] = [{ path: [], value: output }];
  for (let depth = 0; depth <= 3 && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { path, value } of level) {
      if (Array.isArray(value) && value.length > 0 && value.every(isObject)) return { path, records: value as Record<string, unknown>[] };
      if (isObject(value)) for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v });
    }
    level = next;
  }
  return null;
}

/** The output as if the reader had returned only `records` (a `count` beside them follows). */
export function withRecords(output: unknown, path: RecordsPath, records: readonly unknown[]): unknown {
  if (path.length === 0) return [...records];
  if (!isObject(output)) return output;
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...output, [String(head)]: withRecords(output[String(head)], rest, records) };
  if (rest.length === 0 && typeof copy.count === 'number') copy.count = records.length;
  return copy;
}

const KEY_FIELDS = ['tranId', 'external_order_id', 'externalId', 'orderNumber', 'id'] as const;

/** The name an analyst knows a record by (PO-1042), or its position. */
export function recordKey(record: Record<string, unknown>, index: number): string {
  for (const f of KEY_FIELDS) {
    const v = record[f];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return `#${index + 1}`;
}

/** The value at a records path (as found by findRecords). */
export function readPath(value: unknown, path: RecordsPath): unknown {
  let v = value;
  for (const k of path) v = isObject(v) ? v[String(k)] : Array.isArray(v) && typeof k === 'number' ? v[k] : undefined;
  return v;
}
