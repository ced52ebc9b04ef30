import { CONTAINER_BODY_PORT } from '../shared/block-traits';
import { isContainer, isTrigger, type BlockCatalog } from './block-catalog';
import type { Block, Edge, Port, WorkflowDoc } from './workflow';

// The execution plan of a workflow, computed once per run: which blocks form the top level and
// which form each For Each body, and a topological order for each of those regions.

export interface Region {
  /** Blocks in topological order. */
  readonly order: readonly string[];
  readonly members: ReadonlySet<string>;
}

export interface WorkflowPlan {
  readonly blocks: ReadonlyMap<string, Block>;
  readonly outgoing: ReadonlyMap<string, readonly Edge[]>;
  readonly incoming: ReadonlyMap<string, readonly Edge[]>;
  readonly top: Region;
  /** For Each block id → its body region (blocks reachable from its `each` port). */
  readonly bodies: ReadonlyMap<string, Region>;
  readonly triggerId: string | null;
}

function group(edges: readonly Edge[], key: 'from' | 'to'): Map<string, Edge[]> {
  const m = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = m.get(e[key]);
    if (list) list.push(e);
    else m.set(e[key], [e]);
  }
  return m;
}

function reachable(starts: readonly string[], outgoing: ReadonlyMap<string, readonly Edge[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of outgoing.get(id) ?? []) stack.push(e.to);
  }
  return seen;
}

/** Kahn's algorithm over the edges inside `members`; returns null when they contain a cycle. */
export function topologicalOrder(members: ReadonlySet<string>, edges: readonly Edge[], stableOrder: readonly string[]): string[] | null {
  const indegree = new Map<string, number>();
  for (const id of members) indegree.set(id, 0);
  const inner = edges.filter((e) => members.has(e.from) && members.has(e.to));
  for (const e of inner) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const out = group(inner, 'from');
  const ready = stableOrder.filter((id) => members.has(id) && indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const e of out.get(id) ?? []) {
      const d = (indegree.get(e.to) ?? 0) - 1;
      indegree.set(e.to, d);
      if (d === 0) ready.push(e.to);
    }
  }
  return order.length === members.size ? order : null;
}

// Asked for every block of every loop iteration: worked out once per plan, block and port.
// (Nested maps, not a joined key: building a key string per call would cost what this saves.)
const fromPortByPlan = new WeakMap<WorkflowPlan, Map<string, Map<Port, readonly Edge[]>>>();

export function edgesFromPort(plan: WorkflowPlan, blockId: string, port: Port): readonly Edge[] {
  let byBlock = fromPortByPlan.get(plan);
  if (!byBlock) fromPortByPlan.set(plan, (byBlock = new Map()));
  let byPort = byBlock.get(blockId);
  if (!byPort) byBlock.set(blockId, (byPort = new Map()));
  let edges = byPort.get(port);
  if (!edges) byPort.set(port, (edges = (plan.outgoing.get(blockId) ?? []).filter((e) => e.port === port)));
  return edges;
}

/**
 * Plans a workflow. Throws on a cycle; callers validate first (validate.ts reports cycles with
 * the blocks involved), so a throw here is a programming error.
 */
export function planWorkflow(doc: WorkflowDoc, catalog: BlockCatalog): WorkflowPlan {
  const blocks = new Map(doc.blocks.map((b) => [b.id, b] as const));
  const edges = doc.edges.filter((e) => blocks.has(e.from) && blocks.has(e.to));
  const outgoing = group(edges, 'from');
  const incoming = group(edges, 'to');
  const ids = doc.blocks.map((b) => b.id);

  const bodyMembers = new Map<string, Set<string>>();
  for (const b of doc.blocks) {
    if (!isContainer(catalog, b)) continue;
    const starts = (outgoing.get(b.id) ?? []).filter((e) => e.port === CONTAINER_BODY_PORT).map((e) => e.to);
    bodyMembers.set(b.id, reachable(starts, outgoing));
  }
  // A block belongs to the innermost body that contains it; the top level holds the rest.
  const ownRegion = (members: ReadonlySet<string>, self: string | null): Set<string> => {
    const own = new Set(members);
    for (const [feId, body] of bodyMembers) {
      if (feId === self || !members.has(feId)) continue;
      for (const id of body) own.delete(id);
    }
    return own;
  };
  const toRegion = (members: Set<string>): Region => {
    const order = topologicalOrder(members, edges, ids);
    if (!order) throw new Error('workflow graph has a cycle');
    return { order, members };
  };
  const bodies = new Map<string, Region>();
  for (const [feId, body] of bodyMembers) bodies.set(feId, toRegion(ownRegion(body, feId)));
  const top = toRegion(ownRegion(new Set(ids), null));
  const trigger = doc.blocks.find((b) => isTrigger(catalog, b));
  return { blocks, outgoing, incoming, top, bodies, triggerId: trigger?.id ?? null };
}
