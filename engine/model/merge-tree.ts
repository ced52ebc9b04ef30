import type { DocPathSegment } from './json-pointer';
import {
  ABSENT,
  byId,
  deepEqual,
  idsOf,
  interleave,
  isIdArray,
  isPlainObject,
  prop,
  restrict,
  sameSequence,
  type IdElement,
  type JsonObject,
} from './json-value';
import type { ConflictKind } from './merge-schema';
import { diffTree, unionKeys, type RawChange, type TreePolicy } from './tree-diff';
import type { Edge } from './workflow';

// Generic three-way merge of JSON trees keyed like the diff: objects by key, id-keyed arrays by id,
// everything else whole. A side that left a node as it was in the ancestor takes the other side's
// node; when both changed it, containers are merged child by child and leaves conflict.

export interface RawConflict {
  readonly path: DocPathSegment[];
  readonly kind: ConflictKind;
  /** ABSENT where that side has no value. */
  readonly ancestor: unknown;
  readonly release: unknown;
  readonly customer: unknown;
  insertAfter?: string[];
  reason?: string;
  heldEdges?: Edge[];
}

export interface MergeLog {
  readonly applied: RawChange[];
  readonly kept: RawChange[];
  readonly agreed: RawChange[];
  readonly conflicts: RawConflict[];
}

export function emptyLog(): MergeLog {
  return { applied: [], kept: [], agreed: [], conflicts: [] };
}

/** Merges one node; returns the merged value (ABSENT when it is deleted). Conflicts take the customer's value. */
export function merge3(path: DocPathSegment[], a: unknown, b: unknown, f: unknown, policy: TreePolicy, log: MergeLog): unknown {
  if (deepEqual(b, f)) {
    if (!deepEqual(a, b)) diffTree(path, a, b, policy, log.agreed);
    return f;
  }
  if (deepEqual(a, b)) {
    diffTree(path, a, f, policy, log.kept);
    return f;
  }
  if (deepEqual(a, f)) {
    diffTree(path, a, b, policy, log.applied);
    return b;
  }
  // Both changed it. Containers are merged child by child; something both sides added (no
  // ancestor) and made differently stays one conflict: a union of two unrelated blocks would be
  // neither side's block.
  if (!policy.atomic(path)) {
    if (isPlainObject(a) && isPlainObject(b) && isPlainObject(f)) return mergeObject(path, a, b, f, policy, log);
    if (isIdArray(a) && isIdArray(b) && isIdArray(f)) return mergeList(path, a, b, f, policy, log);
  }
  const kind: ConflictKind = b === ABSENT || f === ABSENT ? 'removed_and_changed' : 'both_changed';
  log.conflicts.push({ path, kind, ancestor: a, release: b, customer: f });
  return f;
}

function mergeObject(path: DocPathSegment[], a: JsonObject, b: JsonObject, f: JsonObject, policy: TreePolicy, log: MergeLog): JsonObject {
  const out: JsonObject = {};
  for (const key of unionKeys(f, b, a)) {
    const v = merge3([...path, key], prop(a, key), prop(b, key), prop(f, key), policy, log);
    if (v !== ABSENT) out[key] = v;
  }
  return out;
}

function mergeList(path: DocPathSegment[], a: IdElement[], b: IdElement[], f: IdElement[], policy: TreePolicy, log: MergeLog): unknown[] {
  const [ma, mb, mf] = [byId(a), byId(b), byId(f)];
  const [ia, ib, iff] = [idsOf(a), idsOf(b), idsOf(f)];
  const merged = new Map<string, unknown>();
  for (const id of new Set([...iff, ...ib, ...ia])) {
    const before = log.conflicts.length;
    const v = merge3([...path, { id }], ma.get(id) ?? ABSENT, mb.get(id) ?? ABSENT, mf.get(id) ?? ABSENT, policy, log);
    if (v !== ABSENT) merged.set(id, v);
    // A conflict that drops the element for now must know where the release had it, to put it back.
    const own = log.conflicts[before];
    if (own && own.path.length === path.length + 1 && own.customer === ABSENT) {
      own.insertAfter = ib.slice(0, ib.indexOf(id)).reverse();
    }
  }
  return mergeOrder(path, ia, ib, iff, policy, log)
    .filter((id) => merged.has(id))
    .map((id) => merged.get(id));
}

/** The customer's order with release additions after their release predecessor; a release reorder applies when the
 * customer kept the ancestor's order; two different reorders conflict (the customer's stays for now). */
function mergeOrder(path: DocPathSegment[], ia: string[], ib: string[], iff: string[], policy: TreePolicy, log: MergeLog): string[] {
  if (!policy.ordered(path)) return interleave(iff, ib);
  const releaseReordered = !sameSequence(restrict(ia, new Set(ib)), restrict(ib, new Set(ia)));
  const customerReordered = !sameSequence(restrict(ia, new Set(iff)), restrict(iff, new Set(ia)));
  const reorder = (from: string[], to: string[]): RawChange => ({ path: [...path], op: 'reordered', old: from, new: to });
  if (releaseReordered && !customerReordered) {
    log.applied.push(reorder(ia, ib));
    return interleave(ib, iff);
  }
  if (customerReordered && !releaseReordered) log.kept.push(reorder(ia, iff));
  if (customerReordered && releaseReordered) {
    // Compared on every id both sides have (also ids both added), so the result honours both orders.
    const common = new Set(restrict(ib, new Set(iff)));
    if (sameSequence(restrict(ib, common), restrict(iff, common))) log.agreed.push(reorder(ia, iff));
    else log.conflicts.push({ path: [...path], kind: 'order', ancestor: ia, release: ib, customer: iff });
  }
  return interleave(iff, ib);
}
