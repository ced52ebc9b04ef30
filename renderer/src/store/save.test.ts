import { describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult, WorkflowDoc, WorkflowRecord } from '../../../engine/api';
import { EngineCallError, type Transport } from '../client';
import { reloadWorkflow, saveWorkflow } from './save';
import { createWorkflowStore } from './workflowStore';
import '../catalog/testing';

/** An in-memory engine holding one workflow, with revisions like the real one. */
function fakeEngine(initial: WorkflowRecord) {
  let current = initial;
  const saves: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  const client: Transport = {
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      if (method === 'workflows.get') return current as MethodResult<M>;
      if (method === 'workflows.save') {
        const a = args as MethodArgs<'workflows.save'>;
        saves.push(a.baseRev);
        await gate;
        if (a.baseRev !== current.rev) throw new EngineCallError({ code: 'rev_conflict', message: 'stale' });
        current = { ...current, rev: current.rev + 1, doc: a.doc as WorkflowDoc };
        return current as MethodResult<M>;
      }
      throw new Error(`unexpected ${method}`);
    },
    subscribe: () => () => undefined,
  };
  return {
    client,
    saves,
    current: () => current,
    /** Holds saves in flight until the returned function is called. */
    hold(): () => void {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => (release = r));
      return release;
    },
    editElsewhere(notes: string) {
      current = { ...current, rev: current.rev + 1, doc: { ...current.doc, notes } };
    },
  };
}

const record: WorkflowRecord = {
  id: 'wf', name: 'W', rev: 1, createdAt: '', updatedAt: '',
  doc: { schemaVersion: 1, name: 'W', blocks: [], edges: [], notes: '' },
};

describe('saving', () => {
  it('sends the revision it started from and serialises concurrent saves', async () => {
    const engine = fakeEngine(record);
    const store = createWorkflowStore(record);
    store.getState().actions.addBlock('log', { x: 0, y: 0 });
    const release = engine.hold();
    const first = saveWorkflow(store, engine.client);
    await new Promise((r) => setTimeout(r, 0));
    expect(engine.saves).toEqual([1]); // the first save is on the wire
    store.getState().actions.addBlock('delay', { x: 0, y: 100 });
    const second = saveWorkflow(store, engine.client); // e.g. Run clicked while autosave is in flight
    release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(engine.saves).toEqual([1, 2]);
    expect(engine.current().doc.blocks.map((b) => b.id)).toEqual(['log', 'delay']);
    expect(store.getState().doc).toBe(store.getState().savedDoc);
    expect(store.getState().rev).toBe(3);
  });

  it('refuses a stale save with a conflict; overwrite or reload resolve it', async () => {
    const engine = fakeEngine(record);
    const store = createWorkflowStore(record);
    engine.editElsewhere('from another window');
    store.getState().actions.addBlock('log', { x: 0, y: 0 });
    expect(await saveWorkflow(store, engine.client)).toBe(false);
    expect(store.getState().save.conflict).not.toBeNull();
    expect(engine.current().doc.blocks).toEqual([]); // nothing was overwritten

    expect(await saveWorkflow(store, engine.client, { overwrite: true })).toBe(true);
    expect(store.getState().save.conflict).toBeNull();
    expect(engine.current().doc.blocks.map((b) => b.id)).toEqual(['log']);

    engine.editElsewhere('again');
    store.getState().actions.renameBlock('log', 'Mine');
    expect(await saveWorkflow(store, engine.client)).toBe(false);
    await reloadWorkflow(store, engine.client);
    expect(store.getState().doc.notes).toBe('again');
    expect(store.getState().doc.blocks[0]?.name).toBe('Log');
    expect(store.getState().save.conflict).toBeNull();
    expect(store.getState().past).toHaveLength(0);
  });
});
