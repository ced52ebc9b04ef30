import type { Edge as FlowEdge } from '@xyflow/react';
import type { BlockNodeType } from './BlockNode';

// React Flow compares nodes and edges by identity: a new object re-renders that node (and makes
// React Flow rebuild its internal copy), and a new array makes it re-adopt every node. The canvas
// derives nodes from the document on each change, so these keep the previous objects for
// everything that did not change; dragging one block of 300 then redraws one block, not 300.

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

function sameNode(a: BlockNodeType, b: BlockNodeType): boolean {
  const da = a.data;
  const db = b.data;
  return (
    a.id === b.id &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.selected === b.selected &&
    a.measured === b.measured &&
    da.block === db.block &&
    da.status === db.status &&
    da.diff === db.diff &&
    da.ghost === db.ghost &&
    sameList(da.issues, db.issues) &&
    sameList(da.ports, db.ports)
  );
}

function sameEdge(a: FlowEdge, b: FlowEdge): boolean {
  return (
    a.id === b.id &&
    a.source === b.source &&
    a.sourceHandle === b.sourceHandle &&
    a.target === b.target &&
    a.selected === b.selected &&
    a.className === b.className &&
    a.animated === b.animated
  );
}

function reuse<T extends { id: string }>(prev: T[], next: T[], same: (a: T, b: T) => boolean): T[] {
  const byId = new Map(prev.map((x) => [x.id, x]));
  let changed = prev.length !== next.length;
  const out = next.map((x, i) => {
    const old = byId.get(x.id);
    if (old && same(old, x)) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return x;
  });
  return changed ? out : prev;
}

/** `next`, with each node equal to one in `prev` replaced by that object; `prev` itself when nothing changed. */
export function stableNodes(prev: BlockNodeType[], next: BlockNodeType[]): BlockNodeType[] {
  return reuse(prev, next, sameNode);
}

/** As stableNodes, for edges. */
export function stableEdges(prev: FlowEdge[], next: FlowEdge[]): FlowEdge[] {
  return reuse(prev, next, sameEdge);
}
