import { formatPath, type Segment } from '../../shared/path';

// The fields a sample offers, as mapping paths with [*] for list positions, with the kinds of
// values seen and a few examples. Bounded (depth, count, cycles) so any input is safe to inspect.

export type ValueKind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

export interface FieldInfo {
  readonly path: string;
  readonly segs: readonly Segment[];
  readonly kinds: Set<ValueKind>;
  /** Up to five distinct primitive examples, in the order first seen. */
  readonly examples: (string | number | boolean)[];
  /** How many records (or list elements) had the field. */
  count: number;
  /** Position among the fields of its parent in the first record that had it. */
  readonly order: number;
}

export interface FieldScan {
  readonly fields: FieldInfo[];
  readonly tooDeep: boolean;
  readonly cyclic: boolean;
  readonly truncated: boolean;
}

export const MAX_SCAN_DEPTH = 32;
export const MAX_FIELDS = 3000;

function kindOf(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v as 'string' | 'boolean';
  return 'object';
}

/** Leaf fields of the records (objects and lists are walked into, not listed themselves). */
export function scanFields(records: readonly unknown[], opts: { skipKeys?: readonly string[] } = {}): FieldScan {
  const skip = new Set(opts.skipKeys ?? []);
  const byPath = new Map<string, FieldInfo>();
  let tooDeep = false;
  let cyclic = false;
  let truncated = false;
  const onPath = new Set<object>();
  let order = 0;

  const visit = (v: unknown, segs: Segment[], depth: number): void => {
    if (v !== null && typeof v === 'object') {
      if (depth >= MAX_SCAN_DEPTH) {
        tooDeep = true;
        return;
      }
      if (onPath.has(v)) {
        cyclic = true;
        return;
      }
      onPath.add(v);
      if (Array.isArray(v)) {
        for (const e of v.slice(0, 50)) visit(e, [...segs, { kind: 'wild' }], depth + 1);
      } else {
        for (const [k, child] of Object.entries(v)) {
          if (skip.has(k)) continue;
          visit(child, [...segs, { kind: 'key', key: k }], depth + 1);
        }
      }
      onPath.delete(v);
      return;
    }
    if (segs.length === 0) return;
    const path = formatPath(segs);
    let info = byPath.get(path);
    if (!info) {
      if (byPath.size >= MAX_FIELDS) {
        truncated = true;
        return;
      }
      info = { path, segs, kinds: new Set(), examples: [], count: 0, order: order++ };
      byPath.set(path, info);
    }
    info.count += 1;
    info.kinds.add(kindOf(v));
    if ((typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && info.examples.length < 5 && !info.examples.includes(v)) {
      info.examples.push(typeof v === 'string' && v.length > 200 ? v.slice(0, 200) : v);
    }
  };
  for (const r of records.slice(0, 200)) visit(r, [], 0);
  return { fields: [...byPath.values()], tooDeep, cyclic, truncated };
}

/** `items[3].x` and `items[*].x` name the same field of a sample. */
export function generalize(segs: readonly Segment[]): string {
  return formatPath(segs.map((s) => (s.kind === 'index' ? ({ kind: 'wild' } as const) : s)));
}
