// Small helpers over plain JSON values, shared by the structural diff and the three-way merge.
// Workflow documents are JSON (persisted in revisions and bundles), so these never see functions,
// class instances or cycles.

export type JsonObject = { [key: string]: unknown };

/** An element of an id-keyed array: a plain object with a string `id`. */
export type IdElement = JsonObject & { id: string };

/** Marks "no value here" (a missing key or array element), distinct from `null`. */
export const ABSENT: unique symbol = Symbol('absent');
export type Absent = typeof ABSENT;

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality for JSON: object key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Arrays whose elements all carry a unique string id are walked by id (blocks, edges, mapping
 * rules, ...). An empty array qualifies, so adding the first element on both sides still merges. */
export function isIdArray(v: unknown): v is IdElement[] {
  if (!Array.isArray(v)) return false;
  const seen = new Set<string>();
  for (const e of v) {
    if (!isPlainObject(e) || typeof e.id !== 'string' || seen.has(e.id)) return false;
    seen.add(e.id);
  }
  return true;
}

export function idsOf(v: readonly IdElement[]): string[] {
  return v.map((e) => e.id);
}

export function byId(v: readonly IdElement[]): Map<string, IdElement> {
  return new Map(v.map((e) => [e.id, e]));
}

/** Reads a property without confusing a missing key with `undefined`. */
export function prop(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) && o[key] !== undefined ? o[key] : ABSENT;
}

export function cloneJson<T>(v: T): T {
  return structuredClone(v);
}

/** `primary` order, with every id only in `secondary` inserted right after its nearest
 * predecessor in `secondary` that is already placed (or first, when it has none). */
export function interleave(primary: readonly string[], secondary: readonly string[]): string[] {
  const out = [...primary];
  const placed = new Set(out);
  secondary.forEach((id, i) => {
    if (placed.has(id)) return;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const prev = secondary[j];
      if (prev !== undefined && placed.has(prev)) {
        at = out.indexOf(prev) + 1;
        break;
      }
    }
    out.splice(at, 0, id);
    placed.add(id);
  });
  return out;
}

/** The ids of `seq` that are also in `keep`, in `seq` order. */
export function restrict(seq: readonly string[], keep: ReadonlySet<string> | readonly string[]): string[] {
  const set = keep instanceof Set ? keep : new Set(keep as readonly string[]);
  return seq.filter((id) => set.has(id));
}

export function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
