import { describe, expect, it } from 'vitest';
import { getAt, isPrefix, toPointer, type DocPath } from './json-pointer';
import { diffWorkflows } from './diff';
import { ABSENT, deepEqual, idsOf, isIdArray, restrict } from './json-value';
import { mergeWorkflows, resolveConflicts } from './merge';
import { mergeResultSchema, type MergeResult } from './merge-schema';
import { diffTree } from './tree-diff';
import { workflowPolicy } from './workflow-paths';
import { randomEdits, randomWorkflow, seededRng, type EditLog } from '../testing/random-edits';
import { workflowDocSchema, type WorkflowDoc } from './workflow';

// The rebase promise: no customisation is dropped silently. For random workflows and random edits
// on both sides, every change of either side is in the merged document or is part of a conflict;
// deciding every conflict with 'customer' keeps every customer change, with 'release' every release change.

// Longer sweeps: MERGE_PROPERTY_CASES=30000 MERGE_PROPERTY_EDITS=14 npx vitest run <this file> --testTimeout=0
const CASES = Number(process.env.MERGE_PROPERTY_CASES ?? 400);
const EDITS = Number(process.env.MERGE_PROPERTY_EDITS ?? 6);

function covered(result: MergeResult, path: DocPath): boolean {
  const edgeId = path[0] === 'edges' && typeof path[1] !== 'string' ? path[1]?.id : undefined;
  return result.conflicts.some(
    (c) => isPrefix(c.path, path) || isPrefix(path, c.path) || (edgeId !== undefined && (c.heldEdges ?? []).some((e) => e.id === edgeId)),
  );
}

interface Changes {
  readonly paths: DocPath[];
  readonly orders: DocPath[];
}

/** The side's changes, leaf by leaf as the merge keys them (a replaced object is a change per
 * key; edits that a later edit undid are not changes). */
function effective(ancestor: WorkflowDoc, side: WorkflowDoc, log: EditLog): Changes {
  const leaves = [...log.paths, ...log.orders].flatMap((p) => diffTree(p, getAt(ancestor, p), getAt(side, p), workflowPolicy));
  return {
    paths: leaves.filter((c) => c.op !== 'reordered').map((c) => c.path),
    orders: leaves.filter((c) => c.op === 'reordered').map((c) => c.path),
  };
}

/** Whether `doc` has the side's new edge at `path`, or the same connection under another id
 * (both sides drew it; the merge keeps one). */
function sameConnection(doc: WorkflowDoc, side: WorkflowDoc, path: DocPath): boolean {
  const edge = path[0] === 'edges' ? getAt(side, path.slice(0, 2)) : undefined;
  if (edge === undefined || edge === ABSENT) return false;
  return doc.edges.some((e) => deepEqual({ ...e, id: '' }, { ...(edge as object), id: '' }));
}

/** The changes `doc` does not carry: a different value, or a different relative order. */
function missing(doc: WorkflowDoc, side: WorkflowDoc, changes: Changes): DocPath[] {
  const lost = changes.paths.filter((p) => !deepEqual(getAt(doc, p), getAt(side, p)) && !sameConnection(doc, side, p));
  for (const p of changes.orders) {
    const [d, s] = [getAt(doc, p), getAt(side, p)];
    if (!isIdArray(s)) continue;
    if (!isIdArray(d)) {
      lost.push(p);
      continue;
    }
    const [id, is] = [idsOf(d), idsOf(s)];
    if (!deepEqual(restrict(id, new Set(is)), restrict(is, new Set(id)))) lost.push(p);
  }
  return lost;
}

function consistent(doc: WorkflowDoc): void {
  expect(workflowDocSchema.parse(doc)).toEqual(doc);
  const ids = doc.blocks.map((b) => b.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(doc.edges.map((e) => e.id)).size).toBe(doc.edges.length);
  for (const e of doc.edges) expect(ids.includes(e.from) && ids.includes(e.to), `edge ${e.id} dangles`).toBe(true);
}

describe('mergeWorkflows property: random release and customer edits', () => {
  it(`keeps every change of both sides or reports it as a conflict (${CASES} seeded cases)`, () => {
    let withConflicts = 0;
    let clean = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const r = seededRng(seed);
      const ancestor = randomWorkflow(r);
      const release = structuredClone(ancestor);
      const customer = structuredClone(ancestor);
      const releaseChanges = effective(ancestor, release, randomEdits(release, r, 'release', 1 + r.int(EDITS)));
      const customerChanges = effective(ancestor, customer, randomEdits(customer, r, 'customer', 1 + r.int(EDITS)));
      const result = mergeWorkflows({ ancestor, release, customer });
      const context = `seed ${seed}`;
      consistent(result.merged);
      expect(JSON.parse(JSON.stringify(mergeResultSchema.parse(result)))).toEqual(result);

      for (const [side, changes] of [
        [customer, customerChanges],
        [release, releaseChanges],
      ] as const) {
        const uncovered = missing(result.merged, side, changes).filter((p) => !covered(result, p));
        expect(uncovered.map(toPointer), context).toEqual([]);
      }
      expect(new Set(result.conflicts.map((c) => c.id)).size, context).toBe(result.conflicts.length);

      const kept = resolveConflicts(result, Object.fromEntries(result.conflicts.map((c) => [c.id, 'customer' as const])));
      consistent(kept);
      expect(missing(kept, customer, customerChanges).map(toPointer), `${context}: 'customer' lost customer changes`).toEqual([]);

      const taken = resolveConflicts(result, Object.fromEntries(result.conflicts.map((c) => [c.id, 'release' as const])));
      consistent(taken);
      expect(missing(taken, release, releaseChanges).map(toPointer), `${context}: 'release' lost release changes`).toEqual([]);

      // Any mix of decisions gives a valid, connected document.
      consistent(resolveConflicts(result, Object.fromEntries(result.conflicts.map((c) => [c.id, r.chance(0.5) ? ('customer' as const) : ('release' as const)]))));

      if (result.conflicts.length > 0) withConflicts++;
      else clean++;
    }
    // The generator must exercise both outcomes, or the property above proves little.
    expect(withConflicts).toBeGreaterThan(CASES / 10);
    expect(clean).toBeGreaterThan(CASES / 10);
  });

  it('merging a customer onto an unchanged release (or the reverse) reproduces that side exactly', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const r = seededRng(seed * 7919);
      const ancestor = randomWorkflow(r);
      const side = structuredClone(ancestor);
      randomEdits(side, r, 'customer', 1 + r.int(6));
      const asCustomer = mergeWorkflows({ ancestor, release: ancestor, customer: side });
      expect(asCustomer.conflicts).toEqual([]);
      expect(asCustomer.applied).toEqual([]);
      expect(asCustomer.merged).toEqual(side);
      const asRelease = mergeWorkflows({ ancestor, release: side, customer: ancestor });
      expect(asRelease.conflicts).toEqual([]);
      expect(asRelease.kept).toEqual([]);
      expect(deepEqual({ ...asRelease.merged, blocks: [], edges: [] }, { ...side, blocks: [], edges: [] })).toBe(true);
      expect(new Set(asRelease.merged.blocks.map((b) => JSON.stringify(b)))).toEqual(new Set(side.blocks.map((b) => JSON.stringify(b))));
    }
  });
});

describe('diffWorkflows property: random edits', () => {
  it('highlights exactly the blocks whose content differs, and nothing for identical documents', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = seededRng(seed * 31);
      const a = randomWorkflow(r);
      const b = structuredClone(a);
      randomEdits(b, r, 'customer', 1 + r.int(6));
      const d = diffWorkflows(a, b);
      const json = (doc: WorkflowDoc) => new Map(doc.blocks.map((x) => [x.id, JSON.stringify(x)]));
      const [ja, jb] = [json(a), json(b)];
      const differing = [...new Set([...ja.keys(), ...jb.keys()])].filter((id) => ja.get(id) !== jb.get(id));
      expect(new Set(d.changedBlockIds), `seed ${seed}`).toEqual(new Set(differing));
      expect(d.summary.identical).toBe(deepEqual(a, b));
      expect(diffWorkflows(b, b).summary.identical).toBe(true);
    }
  });
});
