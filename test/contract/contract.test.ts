import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/api/events';
import { inProcess, overHttp, type Transport } from './transports';

// The same cases over every transport: a host may add no behaviour of its own.
describe.each([
  ['in-process', inProcess],
  ['http', overHttp],
])('contract over %s', (_name, open) => {
  let t: Transport;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.close());

  it('creates, saves with revisions and refuses a stale save', async () => {
    const wf = await t.client.call('workflows.create', { name: 'Order Sync' });
    const saved = await t.client.call('workflows.save', { id: wf.id, baseRev: wf.rev, doc: { ...wf.doc, notes: 'v2' } });
    expect(saved.rev).toBe(2);
    await expect(t.client.call('workflows.save', { id: wf.id, baseRev: 1, doc: wf.doc })).rejects.toMatchObject({ code: 'rev_conflict' });
    await expect(t.client.call('workflows.get', { id: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses bad arguments with bad_request', async () => {
    await expect(t.client.call('workflows.create', { name: '' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('runs a saved workflow and streams started, step and finished events', async () => {
    const wf = await t.client.call('workflows.create', {
      name: 'Events',
      doc: {
        name: 'Events',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'hello', kind: 'log', config: { message: 'hello {{ trigger.input.who }}' } },
        ],
        edges: [{ id: 'e1', from: 'trigger', to: 'hello' }],
      },
    });
    const events: EngineEvent[] = [];
    const finished = new Promise<void>((resolve) => {
      const off = t.client.subscribe((e) => {
        events.push(e);
        if (e.type === 'run.finished') {
          off();
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 100)); // let the event stream connect
    const run = await t.client.call('runs.start', { workflowId: wf.id, input: { who: 'Ada' } });
    await finished;
    expect(events.map((e) => e.type)).toEqual(['run.started', 'step.started', 'step.finished', 'step.started', 'step.log', 'step.finished', 'run.finished']);
    const final = await t.client.call('runs.get', { id: run.id });
    expect(final.status).toBe('succeeded');
    const steps = await t.client.call('runs.steps', { runId: run.id });
    expect(steps[1]?.output).toEqual({ level: 'info', message: 'hello Ada' });
    expect((await t.client.call('runs.list', { workflowId: wf.id })).map((r) => r.id)).toEqual([run.id]);
  });
});
