import type { Block, Edge, WorkflowDoc } from '../../engine/api';
import type { Bridge } from '../../engine/host/bridge';
import type { Page } from 'playwright-core';
import { frameFigures, longFrames, startFrames, stopFrames, type FrameFigures } from './frames';

// Dragging one block of a large workflow with the mouse while frame times are recorded; shared
// by the e2e test (test/e2e/canvas-scale.e2e.ts) and `npm run bench -- canvas`.

const KINDS = ['log', 'set_variable', 'delay', 'http_request', 'branch'] as const;

/** A trigger and `count - 1` blocks in a square grid, each wired to the one before it, as a long pipeline is. */
export function gridWorkflow(count: number): WorkflowDoc {
  const columns = Math.ceil(Math.sqrt(count));
  const blocks: Block[] = [{ id: 'trigger', kind: 'trigger', name: 'Trigger', config: { type: 'manual' }, position: { x: 0, y: 0 } }];
  const edges: Edge[] = [];
  for (let i = 1; i < count; i++) {
    const kind = KINDS[i % KINDS.length] ?? 'log';
    const id = `b${i}`;
    blocks.push({ id, kind, name: `${kind} ${i}`, config: {}, position: { x: (i % columns) * 280, y: Math.floor(i / columns) * 140 } });
    const prev = blocks[i - 1];
    if (!prev) continue;
    const port = prev.kind === 'branch' ? 'true' : 'out';
    edges.push({ id: `${prev.id}__${port}__${id}`, from: prev.id, port, to: id });
  }
  return { schemaVersion: 1, name: `Canvas drag, ${count} blocks`, blocks, edges, notes: '' };
}

export interface DragResult {
  readonly blocks: number;
  readonly figures: FrameFigures;
  readonly longFrames: number;
  /** The dragged block's id, and its position in the document before the drag. */
  readonly blockId: string;
  readonly before: { x: number; y: number };
  /** Where the block is drawn on screen before and after (CSS pixels). */
  readonly screenBefore: { x: number; y: number };
  readonly screenAfter: { x: number; y: number };
  readonly workflowId: string;
}

/**
 * Creates the workflow through the API, opens it, and drags a block near the middle of the graph
 * (away from the edges, where React Flow would pan the view) in a loop for about `ms`
 * milliseconds, recording every animation frame meanwhile.
 */
export async function dragOnCanvas(bridge: Bridge, page: Page, count: number, ms = 2000): Promise<DragResult> {
  const doc = gridWorkflow(count);
  const record = await bridge.engine.call('workflows.create', { name: doc.name, doc });
  const block = doc.blocks[Math.floor(count / 2)] ?? doc.blocks[0];
  if (!block) throw new Error('empty workflow');
  await page.goto(`${bridge.url.split('#')[0]}#/w/${encodeURIComponent(record.id)}`);
  const node = page.getByTestId(`node-${block.id}`);
  await node.waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, count);
  // Let the first layout, validation and fit-view settle so the frames below are the drag's.
  await page.waitForTimeout(500);
  const box = await node.boundingBox();
  if (!box) throw new Error(`${block.id} is not visible`);
  const start = { x: box.x + box.width / 2, y: box.y + 12 };

  await startFrames(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = Date.now();
  // Mouse events as fast as the page takes them; each move waits for the page to accept it, so a
  // slow canvas also receives fewer moves, as a real one would coalesce them.
  for (let i = 0; Date.now() - began < ms; i++) {
    const t = i / 30;
    await page.mouse.move(start.x + 150 * Math.sin(t), start.y + 80 * (1 - Math.cos(t)));
  }
  const end = { x: start.x + 120, y: start.y + 60 };
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
  const deltas = await stopFrames(page);
  const long = await longFrames(page);
  const after = await node.boundingBox();
  if (!after) throw new Error(`${block.id} vanished after the drag`);
  return {
    blocks: count,
    figures: frameFigures(deltas.slice(1)),
    longFrames: long.length,
    blockId: block.id,
    before: block.position,
    screenBefore: { x: box.x, y: box.y },
    screenAfter: { x: after.x, y: after.y },
    workflowId: record.id,
  };
}
