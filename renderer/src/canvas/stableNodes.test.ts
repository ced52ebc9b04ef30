import '../catalog/testing';
import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../../../engine/api';
import { emptySelection } from '../store/types';
import { toEdges, toNodes } from './flowModel';
import { stableEdges, stableNodes } from './stableNodes';

// React Flow redraws a node whose object changed. During a drag only the dragged block may get a
// new object, or a 300-block canvas redraws 300 blocks on every mouse move.

const doc: WorkflowDoc = {
  schemaVersion: 1,
  name: 'W',
  notes: '',
  blocks: [
    { id: 'trigger', kind: 'trigger', name: 'Trigger', config: { type: 'manual' }, position: { x: 0, y: 0 } },
    { id: 'log', kind: 'log', name: 'Log', config: {}, position: { x: 300, y: 0 } },
    { id: 'log_2', kind: 'log', name: 'Log 2', config: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'trigger__out__log', from: 'trigger', port: 'out', to: 'log' },
    { id: 'log__out__log_2', from: 'log', port: 'out', to: 'log_2' },
  ],
};

const nodesOf = (d: WorkflowDoc, dragging?: ReadonlyMap<string, { x: number; y: number }>) => toNodes(d, emptySelection, {}, new Map(), [], null, dragging);

describe('stable canvas nodes', () => {
  it('keeps every node object but the dragged one, and the same list when nothing changed', () => {
    const first = stableNodes([], nodesOf(doc));
    expect(stableNodes(first, nodesOf(doc))).toBe(first);
    const frame = stableNodes(first, nodesOf(doc, new Map([['log', { x: 320, y: 40 }]])));
    expect(frame).not.toBe(first);
    expect(frame.map((n, i) => n === first[i])).toEqual([true, false, true]);
    expect(frame[1]?.position).toEqual({ x: 320, y: 40 });
  });

  it('gives a block a new node when what it shows changes', () => {
    const first = stableNodes([], nodesOf(doc));
    const renamed: WorkflowDoc = { ...doc, blocks: doc.blocks.map((b) => (b.id === 'log_2' ? { ...b, name: 'Renamed' } : b)) };
    const next = stableNodes(first, nodesOf(renamed));
    expect(next.map((n, i) => n === first[i])).toEqual([true, true, false]);
    expect(next[2]?.data.block.name).toBe('Renamed');
    const failed = stableNodes(next, toNodes(renamed, emptySelection, {}, new Map([['log', 'failed']]), []));
    expect(failed.map((n, i) => n === next[i])).toEqual([true, false, true]);
  });

  it('keeps edges while only positions change, and redraws a selected one', () => {
    const first = stableEdges([], toEdges(doc.edges, emptySelection, new Map()));
    expect(stableEdges(first, toEdges(doc.edges, emptySelection, new Map()))).toBe(first);
    const selected = stableEdges(first, toEdges(doc.edges, { blocks: [], edges: ['log__out__log_2'] }, new Map()));
    expect(selected.map((e, i) => e === first[i])).toEqual([true, false]);
    expect(selected[1]?.selected).toBe(true);
  });
});
