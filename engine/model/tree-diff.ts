import type { DocPath, DocPathSegment } from './json-pointer';
import { ABSENT, byId, deepEqual, idsOf, isIdArray, isPlainObject, prop, restrict, sameSequence } from './json-value';

// The generic structural walk under both the diff and the merge: objects by key, id-keyed arrays
// by id, everything else (strings, numbers, arrays without ids, atomic paths) compared whole.

export interface TreePolicy {
  /** Compared and merged as one value (e.g. a block's position: x and y move together). */
  atomic(path: DocPath): boolean;
  /** Whether the order of an id-keyed array means something (mapping rules do; canvas blocks not). */
  ordered(path: DocPath): boolean;
}

export type ChangeOp = 'added' | 'removed' | 'changed' | 'reordered';

/** One leaf change; `old`/`new` are ABSENT for additions/removals. Reorders carry id lists. */
export interface RawChange {
  readonly path: DocPathSegment[];
  readonly op: ChangeOp;
  readonly old: unknown;
  readonly new: unknown;
}

export function diffTree(path: DocPath, a: unknown, b: unknown, policy: TreePolicy, out: RawChange[] = []): RawChange[] {
  if (a === ABSENT && b === ABSENT) return out;
  if (a === ABSENT) {
    out.push({ path: [...path], op: 'added', old: ABSENT, new: b });
    return out;
  }
  if (b === ABSENT) {
    out.push({ path: [...path], op: 'removed', old: a, new: ABSENT });
    return out;
  }
  if (!policy.atomic(path)) {
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const key of unionKeys(a, b)) diffTree([...path, key], prop(a, key), prop(b, key), policy, out);
      return out;
    }
    if (isIdArray(a) && isIdArray(b)) {
      const ma = byId(a);
      const mb = byId(b);
      const ia = idsOf(a);
      const ib = idsOf(b);
      if (policy.ordered(path) && !sameSequence(restrict(ia, new Set(ib)), restrict(ib, new Set(ia)))) {
        out.push({ path: [...path], op: 'reordered', old: ia, new: ib });
      }
      for (const id of ia) if (!mb.has(id)) diffTree([...path, { id }], ma.get(id), ABSENT, policy, out);
      for (const id of ib) diffTree([...path, { id }], ma.get(id) ?? ABSENT, mb.get(id), policy, out);
      return out;
    }
  }
  if (!deepEqual(a, b)) out.push({ path: [...path], op: 'changed', old: a, new: b });
  return out;
}

/** Keys of `first` in its order, then keys only in the others. */
export function unionKeys(...objs: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const o of objs) {
    for (const k of Object.keys(o)) {
      if (o[k] === undefined || seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  return keys;
}
