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
  readonly base: WorkflowDoc;
  readonly fork: WorkflowDoc;
}

function find<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  return list.find((x) => x.id === id);
}

/** The edge as it is in `side`, changed there relative to the ancestor. */
function changedOn(side: WorkflowDoc, ancestor: WorkflowDoc, edge: Edge): boolean {
  const there = find(side.edges, edge.id);
  const before = find(ancestor.edges, edge.id);
  return there !== undefined && deepEqual(there, edge) && !(before !== undefined && deepEqual(before, edge));
}

function blockPath(id: string): DocPathSegment[] {
  return ['blocks', { id }];
}

function conflictAt(log: MergeLog, path: DocPathSegment[]): RawConflict | undefined {
  const pointer = toPointer(path);
  return log.conflicts.find((c) => c.kind !== 'order' && toPointer(c.path) === pointer);
}

function missingEnd(doc: WorkflowDoc, edge: Edge): string | null {
  const ids = new Set(doc.blocks.map((b) => b.id));
  if (!ids.has(edge.from)) return edge.from;
  if (!ids.has(edge.to)) return edge.to;
  return null;
}

export function reconcileEdges(merged: WorkflowDoc, sides: MergeSides, log: MergeLog): void {
  const { ancestor, base, fork } = sides;
  // 1. Base deleted a block the fork's edges use: keep the block for now, as a conflict.
  const restore = new Map<string, string[]>();
  for (const edge of merged.edges) {
    const gone = missingEnd(merged, edge);
    if (gone === null || !changedOn(fork, ancestor, edge)) continue;
    if (find(ancestor.blocks, gone) && find(fork.blocks, gone) && !find(base.blocks, gone)) {
      restore.set(gone, [...(restore.get(gone) ?? []), edge.id]);
    }
  }
  for (const [id, edgeIds] of restore) {
    const mine = find(fork.blocks, id) as Block;
    merged.blocks.push(cloneJson(mine));
    dropChanges(log.applied, (p) => blockIdOf(p) === id);
    log.conflicts.push({
      path: blockPath(id),
      kind: 'removed_and_used',
      ancestor: find(ancestor.blocks, id) ?? ABSENT,
      base: ABSENT,
      mine,
      reason: `The new base version removes this block, but your edges ${edgeIds.join(', ')} connect to it.`,
    });
  }
  // 2. The fork deleted a block that base's new or rewired edges use: hold those edges back with
  //    the conflict; they come back if the user keeps the block.
  const keep: Edge[] = [];
  for (const edge of merged.edges) {
    const gone = missingEnd(merged, edge);
    if (gone === null) {
      keep.push(edge);
      continue;
    }
    const baseBlock = find(base.blocks, gone);
    if (!baseBlock || find(fork.blocks, gone) || !changedOn(base, ancestor, edge)) continue;
    dropChanges(log.applied, (p) => edgeIdOf(p) === edge.id);
    let conflict = conflictAt(log, blockPath(gone));
    if (!conflict) {
      dropChanges(log.kept, (p) => blockIdOf(p) === gone);
      conflict = {
        path: blockPath(gone),
        kind: 'removed_and_used',
        ancestor: find(ancestor.blocks, gone) ?? ABSENT,
        base: baseBlock,
        mine: ABSENT,
        insertAfter: base.blocks.slice(0, base.blocks.indexOf(baseBlock)).map((b) => b.id).reverse(),
      };
      log.conflicts.push(conflict);
    }
    conflict.heldEdges = [...(conflict.heldEdges ?? []), edge];
    const held = conflict.heldEdges.map((e) => (e as Edge).id).join(', ');
    conflict.reason = `You removed this block, but the new base version connects edges ${held} to it.`;
  }
  merged.edges = keep;
}

function dropChanges(list: { path: DocPathSegment[] }[], match: (path: DocPathSegment[]) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (item && match(item.path)) list.splice(i, 1);
  }
}
