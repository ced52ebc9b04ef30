import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { Port } from '../../../engine/api';
import { BLOCK_DRAG_MIME, blockMeta } from '../catalog/blocks';
import { useActions, useWorkflow, useWorkflowStoreApi } from '../store/context';
import { statusByBlock } from '../store/runs';
import type { BlockMove } from '../store/types';
import { BlockNode, type BlockNodeType } from './BlockNode';
import { toEdges, toNodes } from './flowModel';
import { GHOST_PREFIX, useHighlights } from './highlights';
import { stableEdges, stableNodes } from './stableNodes';

const nodeTypes = { block: BlockNode };
const NODE_CENTER = { x: 100, y: 36 };
type Positions = ReadonlyMap<string, { x: number; y: number }>;
const NOT_DRAGGING: Positions = new Map();
// React Flow copies each prop into its store when its identity changes, and every copy wakes all
// of its nodes, edges and handles: object and function props are made once, not per render.
const SNAP_GRID: [number, number] = [10, 10];
const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.3 };
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };
const MINIMAP_STYLE = { width: 150, height: 96 };
const isValidConnection = (c: { source: string; target: string }) => c.source !== c.target;

function toggle(list: readonly string[], id: string, on: boolean): string[] {
  const rest = list.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

export function Canvas() {
  const store = useWorkflowStoreApi();
  const actions = useActions();
  const doc = useWorkflow((s) => s.doc);
  const selection = useWorkflow((s) => s.selection);
  const sizes = useWorkflow((s) => s.sizes);
  const issues = useWorkflow((s) => s.issues);
  const run = useWorkflow((s) => s.run);
  const flow = useReactFlow();
  const gesture = useRef(0);
  // Fit the view to an existing graph when it opens; an empty canvas must not jump to the first
  // block the user drops.
  const [fitOnOpen] = useState(() => store.getState().doc.blocks.length > 0);

  // Where blocks are while the mouse drags them. Kept here, not in the store, so a drag frame
  // redraws the dragged blocks only: the document (and with it validation, autosave, the
  // inspector and the palette) changes once, when the mouse is released.
  const [dragging, setDragging] = useState<Positions>(NOT_DRAGGING);
  const statuses = useMemo(() => statusByBlock(run), [run]);
  const highlights = useHighlights();
  const lastNodes = useRef<BlockNodeType[]>([]);
  const lastEdges = useRef<FlowEdge[]>([]);
  const nodes = useMemo(
    () => (lastNodes.current = stableNodes(lastNodes.current, toNodes(doc, selection, sizes, statuses, issues, highlights, dragging))),
    [doc, selection, sizes, statuses, issues, highlights, dragging],
  );
  const edges = useMemo(() => (lastEdges.current = stableEdges(lastEdges.current, toEdges(doc.edges, selection, statuses))), [doc.edges, selection, statuses]);

  const onNodesChange = useCallback(
    (changes: NodeChange<BlockNodeType>[]) => {
      const moves: BlockMove[] = [];
      const dragged = new Map<string, { x: number; y: number }>();
      let blocks = store.getState().selection.blocks;
      for (const c of changes) {
        // Ghosts (removed blocks shown by a diff) are not in the document: only their size is kept.
        if ('id' in c && c.id.startsWith(GHOST_PREFIX) && c.type !== 'dimensions') continue;
        if (c.type === 'position' && c.position && c.dragging) dragged.set(c.id, c.position);
        else if (c.type === 'position' && c.position) moves.push({ id: c.id, x: c.position.x, y: c.position.y });
        else if (c.type === 'dimensions' && c.dimensions) actions.setSize(c.id, c.dimensions);
        else if (c.type === 'select') blocks = toggle(blocks, c.id, c.selected);
        // 'remove' is ignored: deletion is an editor shortcut that goes through the store.
      }
      if (dragged.size > 0) setDragging((cur) => new Map([...cur, ...dragged]));
      if (moves.length > 0) {
        actions.moveBlocks(moves, String(gesture.current));
        setDragging((cur) => (moves.some((m) => cur.has(m.id)) ? NOT_DRAGGING : cur));
      }
      if (blocks !== store.getState().selection.blocks) actions.select({ ...store.getState().selection, blocks });
    },
    [actions, store],
  );

  const onNodeDragStart = useCallback(() => {
    gesture.current += 1;
  }, []);

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let edgeIds = store.getState().selection.edges;
      for (const c of changes) if (c.type === 'select') edgeIds = toggle(edgeIds, c.id, c.selected);
      if (edgeIds !== store.getState().selection.edges) actions.select({ ...store.getState().selection, edges: edgeIds });
    },
    [actions, store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const from = store.getState().doc.blocks.find((b) => b.id === c.source);
      const port: Port | undefined = from ? blockMeta(from.kind).ports.find((p) => p === (c.sourceHandle ?? 'out')) : undefined;
      if (port) actions.connect(c.source, port, c.target);
    },
    [actions, store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(BLOCK_DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(BLOCK_DRAG_MIME);
      if (!kind) return;
      e.preventDefault();
      if (blockMeta(kind).unique && store.getState().doc.blocks.some((b) => b.kind === kind)) return;
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      actions.addBlock(kind, { x: p.x - NODE_CENTER.x, y: p.y - NODE_CENTER.y });
    },
    [actions, flow, store],
  );

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<BlockNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        fitView={fitOnOpen}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
        snapToGrid
        snapGrid={SNAP_GRID}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <MiniMap pannable zoomable className="minimap" style={MINIMAP_STYLE} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {doc.blocks.length === 0 ? (
        <div className="canvas-empty">Drag a <b>Trigger</b> from the palette to start, then add blocks and connect their ports.</div>
      ) : null}
    </div>
  );
}
