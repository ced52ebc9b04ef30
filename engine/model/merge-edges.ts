import { toPointer, type DocPathSegment } from './json-pointer';
import { ABSENT, cloneJson, deepEqual } from './json-value';
import type { MergeLog, RawConflict } from './merge-tree';
import type { Block, Edge, WorkflowDoc } from './workflow';
import { blockIdOf, edgeIdOf } from './workflow-paths';

// After the tree merge, no edge may point at a block that is gone. A block deleted on one side that
// the other side's new or rewired edges still use is not deleted silently: it becomes a conflict
// ("removed_and_used"). Edges left dangling for any other reason (inconsistent inputs) are dropped.

export interface MergeSides {
  readonly ancestor: WorkflowDoc;
  readonly release: WorkflowDoc;
  readonly customer: WorkflowDoc;
}

function find<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  return list.find((x) => x.id === id);
}

/** Whether `side` changed (or added) this edge and its version connects to `blockId`: then the
 * block matters to that side, whatever the merged edge looks like. */
function usedBy(side: WorkflowDoc, ancestor: WorkflowDoc, edgeId: string, blockId: string): boolean {
  const there = find(side.edges, edgeId);
  const before = find(ancestor.edges, edgeId);
  return there !== undefined && (there.from === blockId || there.to === blockId) && !(before !== undefined && deepEqual(before, there));
}

function blockPath(id: string): DocPathSegment[] {
  return ['blocks', { id }];
}

function conflictAt(log: MergeLog, path: DocPathSegment[]): RawConflict | undefined {
  const pointer = toPointer(path);
  return log.conflicts.find((c) => c.kind !== 'order' && toPointer(c.path) === pointer);
}

function missingEnds(present: ReadonlySet<string>, edge: Edge): string[] {
  return [...new Set([edge.from, edge.to])].filter((id) => !present.has(id));
}

function blockIds(doc: WorkflowDoc): Set<string> {
  return new Set(doc.blocks.map((b) => b.id));
}

export function reconcileEdges(merged: WorkflowDoc, sides: MergeSides, log: MergeLog): void {
  const { ancestor, release, customer } = sides;
  // 1. The release deleted a block the customer's edges use: keep the block for now, as a conflict. Taking
  //    release drops the block; the release's own version of those edges (if it kept them) then returns.
  const restore = new Map<string, { block: Block; edgeIds: string[] }>();
  const before = blockIds(merged);
  const releaseVersion = (edgeId: string, blockId: string): Edge[] => {
    const e = find(release.edges, edgeId);
    return e && e.from !== blockId && e.to !== blockId ? [e] : [];
  };
  for (const edge of merged.edges) {
    for (const id of new Set([edge.from, edge.to])) {
      const kept = find(customer.blocks, id);
      if (!kept || find(release.blocks, id) || !find(ancestor.blocks, id) || !usedBy(customer, ancestor, edge.id, id)) continue;
      if (before.has(id)) {
        // Kept by a conflict already (the customer's version edited it): it still owes the release's edge wiring.
        const conflict = conflictAt(log, blockPath(id));
        const held = releaseVersion(edge.id, id);
        if (conflict && held.length > 0) conflict.heldEdges = mergeEdges(conflict.heldEdges, held);
        continue;
      }
      const entry = restore.get(id) ?? { block: kept, edgeIds: [] };
      entry.edgeIds.push(edge.id);
      restore.set(id, entry);
    }
  }
  for (const [id, { block, edgeIds }] of restore) {
    merged.blocks.push(cloneJson(block));
    dropChanges(log.applied, (p) => blockIdOf(p) === id);
    const releaseEdges = edgeIds.flatMap((e) => releaseVersion(e, id));
    log.conflicts.push({
      path: blockPath(id),
      kind: 'removed_and_used',
      ancestor: find(ancestor.blocks, id) ?? ABSENT,
      release: ABSENT,
      customer: block,
      reason: `The new release removes this block, but your edges ${edgeIds.join(', ')} connect to it.`,
      ...(releaseEdges.length > 0 ? { heldEdges: releaseEdges } : {}),
    });
  }
  // 2. The customer's version deleted a block that the release's new or rewired edges use: hold those edges back with
  //    the conflict; they come back if the user keeps the block.
  const keep: Edge[] = [];
  const present = blockIds(merged);
  for (const edge of merged.edges) {
    const gone = missingEnds(present, edge);
    if (gone.length === 0) {
      keep.push(edge);
      continue;
    }
    const releaseEdge = find(release.edges, edge.id);
    let held = false;
    for (const id of gone) {
      const releaseBlock = find(release.blocks, id);
      if (!releaseEdge || !releaseBlock || find(customer.blocks, id) || !usedBy(release, ancestor, edge.id, id)) continue;
      holdBack(log, releaseEdge, releaseBlock, sides);
      held = true;
    }
    if (!held) continue;
    dropChanges(log.applied, (p) => edgeIdOf(p) === edge.id);
    // A rewired edge the customer's version left alone keeps the customer's wiring until the conflict is decided.
    const own = find(customer.edges, edge.id);
    if (own && missingEnds(present, own).length === 0) keep.push(cloneJson(own));
  }
  merged.edges = keep;
  // 3. An edge conflict whose release side connects to a block the customer's version deleted is the same decision
  //    as that block: fold it into the block's conflict (the customer's edge stays until decided).
  for (const conflict of [...log.conflicts]) {
    const edgeId = edgeIdOf(conflict.path);
    const edge = edgeId === null ? undefined : find(release.edges, edgeId);
    if (!edge) continue;
    const deleted = [...new Set([edge.from, edge.to])]
      .filter((id) => !present.has(id) && !find(customer.blocks, id))
      .flatMap((id) => find(release.blocks, id) ?? []);
    if (deleted.length === 0) continue;
    log.conflicts.splice(log.conflicts.indexOf(conflict), 1);
    for (const block of deleted) holdBack(log, edge, block, sides);
  }
  dropDuplicateConnections(merged, sides, log);
}

/** Both sides drew the same connection under different ids: keep one (the customer's), so the
 * target block does not run twice. */
function dropDuplicateConnections(merged: WorkflowDoc, { ancestor, customer }: MergeSides, log: MergeLog): void {
  const key = (e: Edge): string => JSON.stringify([e.from, e.port, e.to]);
  // Only against settled customer additions: an edge in a conflict may still go away.
  const disputed = new Set(log.conflicts.flatMap((c) => [edgeIdOf(c.path), ...(c.heldEdges ?? []).map((e) => e.id)]));
  const settled = (e: Edge): boolean => !!find(customer.edges, e.id) && !find(ancestor.edges, e.id) && !disputed.has(e.id);
  const customerWires = new Set(merged.edges.filter(settled).map(key));
  const duplicate = (e: Edge): boolean => !find(customer.edges, e.id) && !find(ancestor.edges, e.id) && customerWires.has(key(e));
  const dropped = merged.edges.filter(duplicate);
  if (dropped.length === 0) return;
  merged.edges = merged.edges.filter((e) => !duplicate(e));
  for (const edge of dropped) {
    const records = log.applied.filter((c) => edgeIdOf(c.path) === edge.id);
    dropChanges(log.applied, (p) => edgeIdOf(p) === edge.id);
    log.agreed.push(...records);
  }
}

function holdBack(log: MergeLog, edge: Edge, releaseBlock: Block, { ancestor, release }: MergeSides): void {
  const path = blockPath(releaseBlock.id);
  let conflict = conflictAt(log, path);
  if (!conflict) {
    // The customer's deletion of the block was logged as kept; it is now part of the conflict.
    dropChanges(log.kept, (p) => blockIdOf(p) === releaseBlock.id);
    conflict = {
      path,
      kind: 'removed_and_used',
      ancestor: find(ancestor.blocks, releaseBlock.id) ?? ABSENT,
      release: releaseBlock,
      customer: ABSENT,
      insertAfter: release.blocks
        .slice(0, release.blocks.indexOf(releaseBlock))
        .map((b) => b.id)
        .reverse(),
    };
    log.conflicts.push(conflict);
  }
  const held = mergeEdges(conflict.heldEdges, [edge]);
  conflict.heldEdges = held;
  conflict.reason = `You removed this block, but the new release connects edges ${held.map((e) => e.id).join(', ')} to it.`;
}

/** `list` with `more` added, one entry per edge id (the later one wins). */
function mergeEdges(list: readonly Edge[] | undefined, more: readonly Edge[]): Edge[] {
  const ids = new Set(more.map((e) => e.id));
  return [...(list ?? []).filter((e) => !ids.has(e.id)), ...more];
}

function dropChanges(list: { path: DocPathSegment[] }[], match: (path: DocPathSegment[]) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (item && match(item.path)) list.splice(i, 1);
  }
}
