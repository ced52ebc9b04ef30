import type { Edge as FlowEdge } from '@xyflow/react';
import type { Block, Port, StepStatus, ValidationIssue, WorkflowDoc } from '../../../engine/api';
import { blockMeta } from '../catalog/blocks';
import type { Selection } from '../store/types';
import type { BlockNodeType } from './BlockNode';
import { GHOST_PREFIX, type CanvasHighlights } from './highlights';

// The document as React Flow nodes and edges. Derived on every change; the store stays the one
// source of truth (React Flow is fully controlled), except for where blocks are while the mouse
// drags them (`dragging`), which the store receives as one move when the mouse is released.

export function toNodes(
  doc: WorkflowDoc,
  selection: Selection,
  sizes: Readonly<Record<string, { width: number; height: number }>>,
  statuses: ReadonlyMap<string, StepStatus>,
  issues: readonly ValidationIssue[],
  highlights: CanvasHighlights | null = null,
  dragging: ReadonlyMap<string, { x: number; y: number }> = new Map(),
): BlockNodeType[] {
  const selected = new Set(selection.blocks);
  const byBlock = new Map<string, string[]>();
  for (const i of issues) {
    if (!i.blockId || i.severity === 'warning') continue;
    const list = byBlock.get(i.blockId) ?? [];
    list.push(i.message);
    byBlock.set(i.blockId, list);
  }
  const used = new Map<string, Set<Port>>();
  for (const e of doc.edges) used.set(e.from, (used.get(e.from) ?? new Set<Port>()).add(e.port));
  const nodes = doc.blocks.map((block): BlockNodeType => {
    const measured = sizes[block.id];
    const node: BlockNodeType = {
      id: block.id,
      type: 'block',
      position: dragging.get(block.id) ?? block.position,
      selected: selected.has(block.id),
      data: { block, status: statuses.get(block.id) ?? null, issues: byBlock.get(block.id) ?? [], diff: highlights?.byBlock.get(block.id) ?? null, ghost: false, ports: portsOf(block, used.get(block.id)) },
    };
    return measured ? { ...node, measured } : node;
  });
  return highlights ? [...nodes, ...highlights.ghosts.map((block) => ghostNode(block, sizes))] : nodes;
}

/** The kind's ports in catalog order, then any other port a saved edge leaves from (validation flags those). */
function portsOf(block: Block, used: ReadonlySet<Port> | undefined): Port[] {
  const ports = [...blockMeta(block.kind).ports];
  for (const p of used ?? []) if (!ports.includes(p)) ports.push(p);
  return ports;
}

/** A block the compared version has and this one does not: drawn where it was, inert. */
function ghostNode(block: Block, sizes: Readonly<Record<string, { width: number; height: number }>>): BlockNodeType {
  const id = `${GHOST_PREFIX}${block.id}`;
  const measured = sizes[id];
  const node: BlockNodeType = {
    id,
    type: 'block',
    position: block.position,
    selectable: false,
    draggable: false,
    connectable: false,
    data: { block, status: null, issues: [], diff: 'removed', ghost: true, ports: [] },
  };
  return measured ? { ...node, measured } : node;
}

export function toEdges(edges: WorkflowDoc['edges'], selection: Selection, statuses: ReadonlyMap<string, StepStatus>): FlowEdge[] {
  const selected = new Set(selection.edges);
  return edges.map((e) => ({
    id: e.id,
    source: e.from,
    sourceHandle: e.port,
    target: e.to,
    targetHandle: 'in',
    selected: selected.has(e.id),
    // The port is labelled on the node itself; the edge only carries its colour.
    className: `edge-port-${e.port}`,
    animated: statuses.get(e.from) === 'running',
  }));
}
