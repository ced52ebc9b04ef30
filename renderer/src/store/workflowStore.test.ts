import { describe, expect, it } from 'vitest';
import type { WorkflowRecord } from '../../../engine/api';
import { createWorkflowStore } from './workflowStore';
import '../catalog/testing';

function record(): WorkflowRecord {
  return {
    id: 'wf1',
    name: 'Orders',
    rev: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    doc: { schemaVersion: 1, name: 'Orders', blocks: [], edges: [], notes: '' },
  };
}

describe('workflow store', () => {
  it('adds blocks with readable unique ids and connects them by port', () => {
    const store = createWorkflowStore(record());
    const a = store.getState().actions;
    const t = a.addBlock('trigger', { x: 0, y: 0 });
    const c1 = a.addBlock('http_request', { x: 200, y: 0 });
    const c2 = a.addBlock('http_request', { x: 400, y: 0 });
    const br = a.addBlock('branch', { x: 600, y: 0 });
    expect([t, c1, c2, br]).toEqual(['trigger', 'call', 'call_2', 'branch']);
    expect(a.connect(t, 'out', c1)).toBe(true);
    expect(a.connect(t, 'out', c1)).toBe(false); // the same edge twice is refused
    expect(a.connect(br, 'true', br)).toBe(false); // and a block joined to itself
    a.connect(c1, 'out', br);
    a.connect(br, 'false', c2);
    expect(store.getState().doc.edges.map((e) => `${e.from}.${e.port}->${e.to}`)).toEqual([
      'trigger.out->call',
      'call.out->branch',
      'branch.false->call_2',
    ]);
    expect(store.getState().doc.blocks.find((b) => b.id === 'call')?.config).toMatchObject({ method: 'GET', timeoutMs: 30000 });
  });

  it('undoes and redoes a deletion, restoring the edges and the selection', () => {
    const store = createWorkflowStore(record());
    const a = store.getState().actions;
    a.addBlock('trigger', { x: 0, y: 0 });
    a.addBlock('log', { x: 200, y: 0 });
    a.connect('trigger', 'out', 'log');
    a.select({ blocks: ['log'], edges: [] });
    a.deleteSelection();
    expect(store.getState().doc.blocks.map((b) => b.id)).toEqual(['trigger']);
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().selection.blocks).toEqual([]);

    a.undo();
    expect(store.getState().doc.blocks.map((b) => b.id)).toEqual(['trigger', 'log']);
    expect(store.getState().doc.edges).toHaveLength(1);
    expect(store.getState().selection.blocks).toEqual(['log']);

    a.redo();
    expect(store.getState().doc.blocks.map((b) => b.id)).toEqual(['trigger']);
    a.undo();
    a.undo(); // the connection
    expect(store.getState().doc.edges).toEqual([]);
    a.undo();
    a.undo();
    expect(store.getState().doc.blocks).toEqual([]);
    a.undo(); // nothing left: a no-op, not an error
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().future).toHaveLength(4);
  });

  it('makes one undo step of a whole drag and of typing into one field', () => {
    const store = createWorkflowStore(record());
    const a = store.getState().actions;
    a.addBlock('log', { x: 0, y: 0 });
    for (let i = 1; i <= 10; i++) a.moveBlocks([{ id: 'log', x: i * 10, y: i }], 'g1');
    for (const text of ['H', 'Hi', 'Hi!']) a.updateConfig('log', { message: text });
    expect(store.getState().doc.blocks[0]).toMatchObject({ position: { x: 100, y: 10 }, config: { message: 'Hi!' } });
    a.undo();
    expect(store.getState().doc.blocks[0]?.config).toMatchObject({ message: '' });
    expect(store.getState().doc.blocks[0]?.position).toEqual({ x: 100, y: 10 });
    a.undo();
    expect(store.getState().doc.blocks[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('a new edit after undo drops the redo stack', () => {
    const store = createWorkflowStore(record());
    const a = store.getState().actions;
    a.addBlock('log', { x: 0, y: 0 });
    a.renameBlock('log', 'First');
    a.undo();
    a.renameWorkflow('Renamed');
    a.redo();
    expect(store.getState().doc.blocks[0]?.name).toBe('Log');
    expect(store.getState().doc.name).toBe('Renamed');
  });

  it('pastes copies with fresh ids, their inner edges, offset positions, and selects them', () => {
    const store = createWorkflowStore(record());
    const a = store.getState().actions;
    a.addBlock('trigger', { x: 0, y: 0 });
    a.addBlock('http_request', { x: 200, y: 0 });
    a.addBlock('branch', { x: 400, y: 0 });
    a.connect('trigger', 'out', 'call');
    a.connect('call', 'out', 'branch');
    a.updateConfig('call', { url: 'http://example.test/orders' });
    a.select({ blocks: ['trigger', 'call', 'branch'], edges: [] });
    expect(a.copySelection()).toBe(3);

    expect(a.paste()).toBe(2); // the trigger is unique and is not duplicated
    const s = store.getState();
    expect(s.doc.blocks.map((b) => b.id)).toEqual(['trigger', 'call', 'branch', 'call_2', 'branch_2']);
    expect(s.doc.blocks[3]).toMatchObject({ position: { x: 240, y: 40 }, config: { url: 'http://example.test/orders' } });
    expect(s.doc.edges.map((e) => `${e.from}->${e.to}`)).toContain('call_2->branch_2');
    expect(s.doc.edges).toHaveLength(3);
    expect(s.selection.blocks).toEqual(['call_2', 'branch_2']);

    // The copy is independent of the original.
    a.updateConfig('call_2', { url: 'http://other.test' });
    expect(store.getState().doc.blocks[1]?.config).toMatchObject({ url: 'http://example.test/orders' });

    a.paste();
    expect(store.getState().doc.blocks.find((b) => b.id === 'call_3')?.position).toEqual({ x: 280, y: 80 });
    a.undo();
    a.undo();
    a.undo();
    expect(store.getState().doc.blocks.map((b) => b.id)).toEqual(['trigger', 'call', 'branch']);
  });
});
