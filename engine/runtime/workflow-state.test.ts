import { describe, expect, it } from 'vitest';
import type { WorkflowDocInput } from '../model/workflow';
import { withEngine } from '../testing/temp-engine';

// `{{ state.x }}` survives across runs of a workflow; only successful live runs move it.
function doc(value: string, thenFail = false): WorkflowDocInput {
  return {
    name: 'Watermark',
    blocks: [
      { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
      { id: 'seen', kind: 'log', config: { message: 'since={{ state.since }}' } },
      { id: 'keep', kind: 'set_variable', config: { name: 'since', value, persist: true } },
      ...(thenFail ? [{ id: 'boom', kind: 'http_request', config: { url: 'http://127.0.0.1:9/', retries: 0, timeoutMs: 1000 } }] : []),
    ],
    edges: [
      { id: 'e1', from: 'trigger', to: 'seen', port: 'out' },
      { id: 'e2', from: 'seen', to: 'keep', port: 'out' },
      ...(thenFail ? [{ id: 'e3', from: 'keep', to: 'boom', port: 'out' as const }] : []),
    ],
  };
}

describe('workflow state', () => {
  it('is kept by successful live runs only, and read back as {{ state.x }}', async () => {
    await withEngine(async (engine) => {
      const wf = await engine.call('workflows.create', { name: 'Watermark', doc: doc('A') });
      const seen = async (): Promise<unknown> => {
        const run = await engine.call('runs.start', { workflowId: wf.id, wait: true });
        return (await engine.call('runs.steps', { runId: run.id })).find((s) => s.blockId === 'seen')?.output;
      };
      expect(await seen()).toMatchObject({ message: 'since=' });
      expect(await seen()).toMatchObject({ message: 'since=A' });

      let current = await engine.call('workflows.get', { id: wf.id });
      current = await engine.call('workflows.save', { id: wf.id, baseRev: current.rev, doc: doc('B') });
      await engine.call('runs.start', { workflowId: wf.id, mode: 'test', wait: true });
      await engine.call('workflows.save', { id: wf.id, baseRev: current.rev, doc: doc('C', true) });
      expect((await engine.call('runs.start', { workflowId: wf.id, wait: true })).status).toBe('failed');
      expect(await seen()).toMatchObject({ message: 'since=A' });
    });
  });
});
