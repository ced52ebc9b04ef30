import { describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult, RunRecord, WorkflowDoc } from '../../../../engine/api';
import type { UserVersion } from '../../../../engine/api/methods/installations';
import { EngineCallError, type Transport } from '../../client';
import { startRun } from '../../store/runs';
import { reloadWorkflow, saveWorkflow } from '../../store/save';
import { attachSource } from '../../store/source';
import { createWorkflowStore } from '../../store/workflowStore';
import { userVersionRecord, userVersionSource } from './userVersionSource';

const doc: WorkflowDoc = { schemaVersion: 1, name: 'Fetch Historical Orders', blocks: [], edges: [], notes: '' };
const userVersion: UserVersion = {
  id: 'userVersion1', installationId: 'inst1', workflowId: 'wf1', ancestorVersionId: 'v1', ancestorVersion: 1, rev: 3, doc,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const run: RunRecord = {
  id: 'r1', workflowId: 'wf1', workflowName: 'Fetch Historical Orders', mode: 'live', status: 'running', input: {}, error: null,
  stopReason: null, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, stepCount: 0,
};

/** An engine holding one user-specific version; records which methods the editor called. */
function fakeEngine() {
  let current = userVersion;
  let started = run;
  const calls: string[] = [];
  const client: Transport = {
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      calls.push(method);
      const answer = (v: unknown) => v as MethodResult<M>;
      if (method === 'userVersions.get') return answer(current);
      if (method === 'userVersions.save') {
        const a = args as MethodArgs<'userVersions.save'>;
        if (a.baseRev !== current.rev) throw new EngineCallError({ code: 'rev_conflict', message: 'stale' });
        current = { ...current, rev: current.rev + 1, doc: a.doc as WorkflowDoc };
        return answer(current);
      }
      if (method === 'installations.runWorkflow') {
        started = { ...run, input: (args as MethodArgs<'installations.runWorkflow'>).input };
        return answer(started);
      }
      if (method === 'runs.get') return answer(started);
      if (method === 'runs.steps') return answer([]);
      throw new Error(`the user-specific version editor must not call ${method}`);
    },
    subscribe: () => () => undefined,
  };
  return { client, calls, rebaseElsewhere: () => (current = { ...current, rev: current.rev + 1, doc: { ...current.doc, notes: 'rebased' } }) };
}

describe('editing a user-specific version', () => {
  it('saves, reloads and runs through the user-specific version, never through the base workflow', async () => {
    const engine = fakeEngine();
    const store = attachSource(createWorkflowStore(userVersionRecord(userVersion)), userVersionSource(userVersion));
    store.getState().actions.setNotes('acme mapping');
    expect(await saveWorkflow(store, engine.client)).toBe(true);
    expect(store.getState().rev).toBe(4);

    // Someone rebased it meanwhile: the next save is refused and says whose version it is.
    engine.rebaseElsewhere();
    store.getState().actions.setNotes('acme mapping, v2');
    expect(await saveWorkflow(store, engine.client)).toBe(false);
    expect(store.getState().save.conflict?.message).toMatch(/user-specific version was changed elsewhere/);
    await reloadWorkflow(store, engine.client);
    expect(store.getState().doc.notes).toBe('rebased');

    // Running it runs the installation's own version of the workflow.
    await startRun(store, engine.client, { limit: 2 });
    expect(store.getState().run.run?.input).toEqual({ limit: 2 });
    expect(engine.calls.filter((c) => !c.startsWith('runs.'))).toEqual(['userVersions.save', 'userVersions.save', 'userVersions.get', 'installations.runWorkflow']);
  });
});
