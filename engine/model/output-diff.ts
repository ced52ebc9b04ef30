// Field-by-field difference of two JSON values (a block's output before and after an upgrade),
// as a user reads it: `lineItems[0].unit_cost: 12.5 → "12.50"`. Pure; shared by the regression
// report and its tests. Types matter: 12.5 and "12.50" differ, because the receiving API sees both.

export interface FieldChange {
  /** `records[0].lineItems[0].unit_cost`; empty for the value as a whole. */
  readonly path: string;
  /** `changed`: both sides have a value; `added` / `removed`: only the new / old side has it. */
  readonly kind: 'changed' | 'added' | 'removed';
  readonly before: unknown;
  readonly after: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every leaf that differs, in document order; stops after `limit` changes. */
export function diffOutputs(before: unknown, after: unknown, limit = 200): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out, limit);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[], limit: number): void {
  if (out.length >= limit) return;
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: 'added', before: null, after: b });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: 'removed', before: a, after: null });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], child(path, i), out, limit);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], child(path, k), out, limit);
    return;
  }
  if (!sameLeaf(a, b)) out.push({ path, kind: 'changed', before: a, after: b });
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Different containers (an array against an object, a list against a scalar) differ as a whole.
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

/** `lineItems[0].unit_cost: 12.5 → "12.50"` (absent sides read "(none)"). */
export function describeChange(c: FieldChange): string {
  const show = (v: unknown, absent: boolean) => (absent ? '(none)' : JSON.stringify(v));
  return `${c.path || '(output)'}: ${show(c.before, c.kind === 'added')} → ${show(c.after, c.kind === 'removed')}`;
}
