import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { json, startTestServer, tempDir, testDatabase, type TestServer } from '../../engine/testing/temp-engine';

let api: TestServer;
let flakyCalls = 0;
beforeAll(async () => {
  api = await startTestServer((req, _body, res) => {
    if (req.url === '/flaky') return (flakyCalls += 1) === 1 ? json(res, 503, { error: 'try later' }) : json(res, 200, { ok: true });
    json(res, 201, { ok: true });
  });
});
afterAll(() => api.close());

describe('durable runs', () => {
  it('resumes an interrupted run after its last finished step, without sending a write twice', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const doc: WorkflowDocInput = {
        name: 'Resumable',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'deliver', kind: 'http_request', config: { method: 'POST', url: `${api.url}/orders`, body: { id: '{{ trigger.input.id }}' } } },
          { id: 'check', kind: 'branch', config: { conditions: [{ field: '{{ steps.deliver.output.status }}', operator: 'eq', value: '201' }] } },
          { id: 'done', kind: 'log', config: { message: 'delivered {{ trigger.input.id }} with {{ steps.deliver.output.status }}' } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'deliver', port: 'out' },
          { id: 'e2', from: 'deliver', to: 'check', port: 'out' },
          { id: 'e3', from: 'check', to: 'done', port: 'true' },
        ],
      };
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const run = await first.call('runs.start', { doc, input: { id: 7 }, wait: true });
      expect(api.requests).toHaveLength(1);
      // Leave the database as a crash right after the branch would: run still "running", last step missing.
      await first.context.database.updateTable('runs').set({ status: 'running', finished_at: null }).where('id', '=', run.id).execute();
      await first.context.database.deleteFrom('steps').where('run_id', '=', run.id).where('block_id', '=', 'done').execute();
      await first.close();

      const second = await createEngine({ dataDir: dir.path, ...db.option });
      try {
        await second.idle();
        const resumed = await second.call('runs.get', { id: run.id });
        expect(resumed.status).toBe('succeeded');
        expect(api.requests).toHaveLength(1);
        const steps = await second.call('runs.steps', { runId: run.id });
        expect(steps.map((s) => s.blockId)).toEqual(['trigger', 'deliver', 'check', 'done']);
        expect(steps[3]?.output).toMatchObject({ message: 'delivered 7 with 201' });
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('marks a run it cannot resume as interrupted', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const run = await first.call('runs.start', { doc: { name: 'x', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }], edges: [] }, wait: true });
      await first.context.database.updateTable('runs').set({ status: 'running', doc: '{"name":"broken","blocks":[],"edges":[]}' }).where('id', '=', run.id).execute();
      await first.close();
      const second = await createEngine({ dataDir: dir.path, ...db.option });
      expect((await second.call('runs.get', { id: run.id })).error?.code).toBe('interrupted');
      await second.close();
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('re-runs a failed run from the failed step, reusing what had finished', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option });
    try {
      const before = api.requests.filter((r) => r.url === '/orders').length;
      const doc: WorkflowDocInput = {
        name: 'Flaky',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'deliver', kind: 'http_request', config: { method: 'POST', url: `${api.url}/orders`, body: { id: 1 } } },
          { id: 'confirm', kind: 'http_request', config: { url: `${api.url}/flaky`, retries: 0 } },
          { id: 'done', kind: 'log', config: { message: 'confirmed' } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'deliver', port: 'out' },
          { id: 'e2', from: 'deliver', to: 'confirm', port: 'out' },
          { id: 'e3', from: 'confirm', to: 'done', port: 'out' },
        ],
      };
      const failed = await engine.call('runs.start', { doc, wait: true });
      expect(failed.status).toBe('failed');
      const again = await engine.call('runs.rerun', { id: failed.id, wait: true });
      expect(again.status).toBe('succeeded');
      expect(api.requests.filter((r) => r.url === '/orders').length - before).toBe(1);
      const steps = await engine.call('runs.steps', { runId: again.id });
      expect(steps.map((s) => [s.blockId, s.status])).toEqual([['trigger', 'succeeded'], ['deliver', 'succeeded'], ['confirm', 'succeeded'], ['done', 'succeeded']]);
      await expect(engine.call('runs.rerun', { id: again.id })).rejects.toMatchObject({ code: 'bad_request' });
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('a quit interrupts a run rather than cancelling it, and the next start finishes it', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const doc: WorkflowDocInput = {
        name: 'Long',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'first', kind: 'log', config: { message: 'first' } },
          { id: 'wait', kind: 'delay', config: { ms: 1500 } },
          { id: 'last', kind: 'log', config: { message: 'last' } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'first', port: 'out' },
          { id: 'e2', from: 'first', to: 'wait', port: 'out' },
          { id: 'e3', from: 'wait', to: 'last', port: 'out' },
        ],
      };
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const run = await first.call('runs.start', { doc });
      await new Promise((r) => setTimeout(r, 200));
      await first.close();
      const second = await createEngine({ dataDir: dir.path, ...db.option });
      try {
        await second.idle();
        expect((await second.call('runs.get', { id: run.id })).status).toBe('succeeded');
        const steps = await second.call('runs.steps', { runId: run.id });
        // The wait cut short by the quit stays in the journal; everything before it ran once.
        expect(steps.filter((s) => s.status === 'succeeded').map((s) => s.blockId)).toEqual(['trigger', 'first', 'wait', 'last']);
        expect(steps.filter((s) => s.blockId === 'first')).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('idle() waits for interrupted runs still being listed or waiting their turn to resume', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const doc: WorkflowDocInput = {
        name: 'Short wait',
        blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'wait', kind: 'delay', config: { ms: 300 } }],
        edges: [{ id: 'e1', from: 'trigger', to: 'wait', port: 'out' }],
      };
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const runs = [await first.call('runs.start', { doc }), await first.call('runs.start', { doc })];
      await first.close();
      // As the bridge does: the engine comes up without resuming, and is told to once it listens.
      const second = await createEngine({ dataDir: dir.path, ...db.option, resume: false });
      try {
        second.resumeInterrupted();
        await second.idle();
        // They resume one after another: idle() counts the one still waiting its turn.
        for (const run of runs) expect((await second.call('runs.get', { id: run.id })).status).toBe('succeeded');
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('re-applies variables of reused steps and keys re-run writes like the original run', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option });
    try {
      const doc: WorkflowDocInput = {
        name: 'Vars',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'set', kind: 'set_variable', config: { name: 'orderId', value: 'PO-7' } },
          { id: 'deliver', kind: 'http_request', config: { method: 'POST', url: `${api.url}/orders`, body: { id: '{{ vars.orderId }}' } } },
          { id: 'confirm', kind: 'http_request', config: { url: `${api.url}/flaky`, retries: 0 } },
          { id: 'done', kind: 'log', config: { message: 'order={{ vars.orderId }}' } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'set', port: 'out' },
          { id: 'e2', from: 'set', to: 'deliver', port: 'out' },
          { id: 'e3', from: 'deliver', to: 'confirm', port: 'out' },
          { id: 'e4', from: 'confirm', to: 'done', port: 'out' },
        ],
      };
      flakyCalls = 0;
      const failed = await engine.call('runs.start', { doc, wait: true });
      expect(failed.status).toBe('failed');
      const fromStart = await engine.call('runs.rerun', { id: failed.id, fromFailedStep: false, wait: true });
      const steps = await engine.call('runs.steps', { runId: fromStart.id });
      expect(steps.find((s) => s.blockId === 'done')?.output).toMatchObject({ message: 'order=PO-7' });
      const keys = api.requests.filter((r) => r.url === '/orders').slice(-2).map((r) => r.headers['idempotency-key']);
      expect(keys[0]).toBe(keys[1]);
      // The key names what is delivered, not the run that delivers it.
      expect(keys[0]).not.toContain(failed.id);
      expect(keys[0]).not.toContain(fromStart.id);
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });
});
