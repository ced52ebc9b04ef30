import type { Block, Edge, Port, WorkflowDoc } from '../../../engine/api';
import { blockMeta } from '../catalog/blocks';

// Pure document edits. Each returns a new document (or the same one when nothing changes), so
// the store can tell a no-op from an edit by identity.

/** `prefix`, or `prefix_2`, `prefix_3`, … — the first id not taken. Ids appear in references. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  const base = /^[A-Za-z_]/.test(prefix) ? prefix : `b_${prefix}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

export function edgeId(from: string, port: Port, to: string): string {
  return `${from}__${port}__${to}`;
}

export function addBlock(doc: WorkflowDoc, kind: string, position: { x: number; y: number }): { doc: WorkflowDoc; id: string } {
  const meta = blockMeta(kind);
  const id = uniqueId(meta.idPrefix, new Set(doc.blocks.map((b) => b.id)));
  const block: Block = {
    id,
    kind,
    name: meta.title,
    config: meta.defaultConfig(),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { doc: { ...doc, blocks: [...doc.blocks, block] }, id };
}

/** Adds an edge unless it would join a block to itself or repeat an existing edge. */
export function connect(doc: WorkflowDoc, from: string, port: Port, to: string): WorkflowDoc {
  if (from === to) return doc;
  if (!doc.blocks.some((b) => b.id === from) || !doc.blocks.some((b) => b.id === to)) return doc;
  if (doc.edges.some((e) => e.from === from && e.port === port && e.to === to)) return doc;
  const edge: Edge = { id: edgeId(from, port, to), from, port, to };
  return { ...doc, edges: [...doc.edges, edge] };
}

export function moveBlocks(doc: WorkflowDoc, moves: ReadonlyMap<string, { x: number; y: number }>): WorkflowDoc {
  let changed = false;
  const blocks = doc.blocks.map((b) => {
    const m = moves.get(b.id);
    if (!m || (m.x === b.position.x && m.y === b.position.y)) return b;
    changed = true;
    return { ...b, position: { x: m.x, y: m.y } };
  });
  return changed ? { ...doc, blocks } : doc;
}

/** Removes blocks (with every edge touching them) and the given edges. */
export function removeItems(doc: WorkflowDoc, blockIds: readonly string[], edgeIds: readonly string[]): WorkflowDoc {
  const gone = new Set(blockIds);
  const goneEdges = new Set(edgeIds);
  const blocks = doc.blocks.filter((b) => !gone.has(b.id));
  const edges = doc.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.from) && !gone.has(e.to));
  if (blocks.length === doc.blocks.length && edges.length === doc.edges.length) return doc;
  return { ...doc, blocks, edges };
}

export function updateBlock(doc: WorkflowDoc, id: string, fn: (b: Block) => Block): WorkflowDoc {
  let changed = false;
  const blocks = doc.blocks.map((b) => {
    if (b.id !== id) return b;
    const next = fn(b);
    if (next !== b) changed = true;
    return next;
  });
  return changed ? { ...doc, blocks } : doc;
}

export interface ClipboardPayload {
  readonly blocks: readonly Block[];
  readonly edges: readonly Edge[];
}

/** The selected blocks and the edges between them. */
export function copyItems(doc: WorkflowDoc, blockIds: readonly string[]): ClipboardPayload {
  const ids = new Set(blockIds);
  return {
    blocks: doc.blocks.filter((b) => ids.has(b.id)),
    edges: doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
}

/**
 * Pastes copies with fresh ids, offset so they do not hide the originals. A unique kind (the
 * trigger) is skipped when the document already has one.
 */
export function pasteItems(doc: WorkflowDoc, clip: ClipboardPayload, offset: number): { doc: WorkflowDoc; ids: string[] } {
  const taken = new Set(doc.blocks.map((b) => b.id));
  const kinds = new Set(doc.blocks.map((b) => b.kind));
  const rename = new Map<string, string>();
  const blocks: Block[] = [];
  for (const b of clip.blocks) {
    if (blockMeta(b.kind).unique && kinds.has(b.kind)) continue;
    const id = uniqueId(b.id.replace(/_\d+$/, ''), taken);
    taken.add(id);
    rename.set(b.id, id);
    blocks.push({ ...b, id, config: structuredClone(b.config), position: { x: b.position.x + offset, y: b.position.y + offset } });
  }
  const edges: Edge[] = [];
  for (const e of clip.edges) {
    const from = rename.get(e.from);
    const to = rename.get(e.to);
    if (from && to) edges.push({ ...e, id: edgeId(from, e.port, to), from, to });
  }
  if (blocks.length === 0) return { doc, ids: [] };
  return { doc: { ...doc, blocks: [...doc.blocks, ...blocks], edges: [...doc.edges, ...edges] }, ids: [...rename.values()] };
}
