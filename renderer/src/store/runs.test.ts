import { describe, expect, it } from 'vitest';
import type { EngineEvent, MethodArgs, MethodName, MethodResult, RunRecord, StepRecord, WorkflowRecord } from '../../../engine/api';
import type { Transport } from '../client';
import { loadMoreSteps, orderedSteps, refreshRun, startRun, statusByBlock, handleRunEvent, STEPS_PAGE } from './runs';
import { createWorkflowStore } from './workflowStore';

const record: WorkflowRecord = {
  id: 'wf', name: 'W', rev: 1, createdAt: '', updatedAt: '',
  doc: { schemaVersion: 1, name: 'W', blocks: [], edges: [], notes: '' },
};

function run(status: RunRecord['status'], finished: boolean): RunRecord {
  return {
    id: 'r1', workflowId: 'wf', workflowName: 'W', mode: 'live', status, input: {}, error: null, stopReason: null,
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: finished ? '2026-01-01T00:00:01.000Z' : null, stepCount: 2,
  };
}

function step(seq: number, blockId: string, status: StepRecord['status']): StepRecord {
  return {
    id: `r1:${seq}`, runId: 'r1', blockId, blockKind: 'log', iteration: null, iterationPath: null, attempt: 1, status, input: null, output: { seq },
    error: null, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: status === 'running' ? null : '2026-01-01T00:00:00.100Z',
    durationMs: status === 'running' ? null : 100,
  };
}

/** A fake engine whose run finishes (with all its events) before `runs.start` answers. */
function fastEngine(emit: (e: EngineEvent) => void, steps: StepRecord[]): Transport {
  return {
    async call<M extends MethodName>(method: M, _args: MethodArgs<M>): Promise<MethodResult<M>> {
      const answers: Partial<Record<MethodName, unknown>> = {
        'runs.get': run('succeeded', true),
        // The journal lags behind: the fetched list still shows the second step running.
        'runs.steps': [steps[0], { ...steps[1], status: 'running' }],
      };
      if (method === 'runs.start') {
        emit({ type: 'run.started', run: run('running', false) });
        for (const s of steps) emit({ type: 'step.finished', step: s });
        emit({ type: 'run.finished', run: run('succeeded', true) });
        return run('running', false) as MethodResult<M>;
      }
      return answers[method] as MethodResult<M>;
    },
    subscribe: () => () => undefined,
  };
}

describe('run panel state', () => {
  it('keeps events that arrive before runs.start answers, and never regresses a finished step', async () => {
    const store = createWorkflowStore(record);
    const steps = [step(0, 'trigger', 'succeeded'), step(1, 'log', 'failed')];
    await startRun(store, fastEngine((e) => handleRunEvent(store, e), steps), {});
    const view = store.getState().run;
    expect(view.run?.status).toBe('succeeded');
    expect(orderedSteps(view).map((s) => `${s.blockId}:${s.status}`)).toEqual(['trigger:succeeded', 'log:failed']);
    expect(statusByBlock(view).get('log')).toBe('failed');
  });

  it('orders steps by their sequence, not as strings', () => {
    const store = createWorkflowStore(record);
    store.setState({ run: { runId: 'r1', run: run('running', false), steps: {}, starting: false, error: null } });
    for (const n of [10, 2, 1]) handleRunEvent(store, { type: 'step.finished', step: step(n, `b${n}`, 'succeeded') });
    expect(orderedSteps(store.getState().run).map((s) => s.blockId)).toEqual(['b1', 'b2', 'b10']);
  });
  it('opens a long run with its first page of steps and reads the next page on demand', async () => {
    const store = createWorkflowStore(record);
    const all = Array.from({ length: STEPS_PAGE + 3 }, (_, i) => step(i, `b${i}`, 'succeeded'));
    const asked: unknown[] = [];
    const client: Transport = {
      async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
        if (method === 'runs.get') return run('succeeded', true) as MethodResult<M>;
        asked.push(args);
        const { afterSeq = -1, limit = 10_000 } = args as { afterSeq?: number; limit?: number };
        return all.filter((s) => Number(s.id.split(':')[1]) > afterSeq).slice(0, limit) as MethodResult<M>;
      },
      subscribe: () => () => undefined,
    };
    await refreshRun(store, client, 'r1');
    expect(orderedSteps(store.getState().run)).toHaveLength(STEPS_PAGE);
    expect(store.getState().run.moreAfterSeq).toBe(STEPS_PAGE - 1);
    await loadMoreSteps(store, client);
    expect(orderedSteps(store.getState().run)).toHaveLength(STEPS_PAGE + 3);
    expect(store.getState().run.moreAfterSeq).toBeNull();
    expect(asked).toEqual([{ runId: 'r1', limit: STEPS_PAGE }, { runId: 'r1', afterSeq: STEPS_PAGE - 1, limit: STEPS_PAGE }]);
  });
});
