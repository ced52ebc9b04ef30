import { PatchbayError } from '../../../errors/patchbay-error';

// SuiteQL answers every value as a string and leaves out null columns (reference §4). A block
// output should be typed and have one shape per row, so each column gets a type, inferred from
// all its values unless the user declares it: integer/number (no leading zeros, so "00123" stays
// text), boolean ('T'/'F'; never for a status column, whose letter codes include F), date
// (YYYY-MM-DD), datetime (YYYY-MM-DD HH:MI:SS → YYYY-MM-DDTHH:MI:SS; NetSuite does not say which
// zone, so none is claimed), else string. Dates in the account's display format (3/4/2025) are
// left as text when inferred: whether that is March or April depends on the user's preference;
// TO_CHAR(…, 'YYYY-MM-DD') or a declared `date` (read as M/D/YYYY) makes them dates.
// Missing columns become null.

export const columnTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime'] as const;
export type ColumnType = (typeof columnTypes)[number];
export type TypedValue = string | number | boolean | null;

const numeric = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const integer = /^-?(0|[1-9]\d*)$/;
const usDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

const checks: ReadonlyArray<[ColumnType, (v: string) => boolean]> = [
  ['integer', (v) => integer.test(v)],
  ['number', (v) => numeric.test(v)],
  ['boolean', (v) => v === 'T' || v === 'F'],
  ['date', (v) => isoDate.test(v)],
  ['datetime', (v) => dateTime.test(v)],
];

export function inferType(values: readonly string[], column = ''): ColumnType {
  if (values.length === 0) return 'string';
  for (const [type, ok] of checks) {
    if (type === 'boolean' && /status$/i.test(column)) continue;
    if (values.every(ok)) return type;
  }
  return 'string';
}

const pad = (n: string): string => n.padStart(2, '0');

export function convert(value: string | undefined, type: ColumnType, column: string): TypedValue {
  if (value === undefined || value === '') return null;
  const bad = (): never => {
    throw new PatchbayError('invalid_response', `Column "${column}" was declared ${type} but NetSuite returned "${value.slice(0, 40)}"; change its type in the block's column types.`, { column, type });
  };
  switch (type) {
    case 'string':
      return value;
    case 'integer':
    case 'number': {
      const n = Number(value);
      return numeric.test(value) && Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : bad();
    }
    case 'boolean':
      return value === 'T' || value === 'true' ? true : value === 'F' || value === 'false' ? false : bad();
    case 'date': {
      if (isoDate.test(value)) return value;
      const m = usDate.exec(value);
      const [month, day] = [Number(m?.[1]), Number(m?.[2])];
      return m && month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${m[3]}-${pad(m[1] ?? '')}-${pad(m[2] ?? '')}` : bad();
    }
    case 'datetime': {
      const m = dateTime.exec(value);
      return m ? `${m[1]}T${m[2]}` : bad();
    }
  }
}

/** `amount=number, tranid=string` (commas or new lines) → a column → type table. */
export function parseColumnTypes(text: string): Record<string, ColumnType> {
  const out: Record<string, ColumnType> = {};
  for (const part of text.split(/[\n,]/)) {
    const t = part.trim();
    if (t === '') continue;
    const m = /^([A-Za-z_][\w$]*)\s*[=:]\s*([a-z]+)$/.exec(t);
    const type = m?.[2] as ColumnType | undefined;
    if (!m?.[1] || !type || !columnTypes.includes(type)) {
      throw new PatchbayError('invalid_config', `Column types: "${t}" should read column=type, with type one of ${columnTypes.join(', ')}.`);
    }
    out[m[1].toLowerCase()] = type;
  }
  return out;
}

export interface TypedResult {
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: ColumnType }>;
  readonly rows: ReadonlyArray<Record<string, TypedValue>>;
}

export function typeRows(raw: ReadonlyArray<Readonly<Record<string, string>>>, declared: Readonly<Record<string, ColumnType>>): TypedResult {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const columns = names.map((name) => ({
    name,
    type: declared[name] ?? inferType(raw.map((r) => r[name]).filter((v): v is string => v !== undefined && v !== ''), name),
  }));
  const rows = raw.map((r) => {
    const out: Record<string, TypedValue> = {};
    for (const c of columns) out[c.name] = convert(r[c.name], c.type, c.name);
    return out;
  });
  return { columns, rows };
}
