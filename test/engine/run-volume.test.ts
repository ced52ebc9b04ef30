import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge } from '../../engine/host/bridge';
import { createEngine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { json, startTestServer, tempDir, testDatabase, type TestServer } from '../../engine/testing/temp-engine';

// Runs at volume (issue 13): runs share the event loop politely, stay under their caps, resume
// after the host is up and skip For Each items that had finished.

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer((_req, _body, res) => json(res, 201, { ok: true }));
});
afterAll(() => api.close());

const trigger = { id: 'trigger', kind: 'trigger', config: { type: 'manual' } } as const;

const busyLoop = (n: number): WorkflowDocInput => ({
  name: 'Busy loop',
  blocks: [
    trigger,
    { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.items }}', concurrency: 1 } },
    { id: 'remember', kind: 'set_variable', config: { name: 'last', value: '{{ item }}' } },
  ],
  edges: [{ id: 'e1', from: 'trigger', to: 'loop', port: 'out' }, { id: 'e2', from: 'loop', to: 'remember', port: 'each' }],
  notes: String(n),
});

describe('runs at volume', () => {
  it('answers API calls while a run computes without I/O', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option });
    try {
      const items = Array.from({ length: 30_000 }, (_, i) => i);
      const run = await engine.call('runs.start', { doc: busyLoop(items.length), input: { items } });
      // Let the run get going, then ask something: the answer arrives while the run still runs.
      await new Promise((r) => setTimeout(r, 50));
      await engine.call('workflows.list', {});
      const during = await engine.call('runs.get', { id: run.id });
      expect(during.status).toBe('running');
      await engine.idle();
      expect((await engine.call('runs.get', { id: run.id })).status).toBe('succeeded');
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('pages a long run\'s steps: every step once, in order', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option });
    try {
      const run = await engine.call('runs.start', { doc: busyLoop(250), input: { items: Array.from({ length: 250 }, (_, i) => i) }, wait: true });
      const all = await engine.call('runs.steps', { runId: run.id });
      const paged = [];
      let afterSeq = -1;
      for (;;) {
        const page = await engine.call('runs.steps', { runId: run.id, afterSeq, limit: 100 });
        paged.push(...page);
        if (page.length < 100) break;
        afterSeq = Number(page.at(-1)?.id.split(':').at(-1));
      }
      expect(all).toHaveLength(run.stepCount);
      expect(paged.map((s) => s.id)).toEqual(all.map((s) => s.id));
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('ends a run that exceeds the step cap, and one whose loops nest too deep, with clear codes', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option, runLimits: { maxSteps: 100, maxLoopNesting: 2 } });
    try {
      const many = await engine.call('runs.start', { doc: busyLoop(500), input: { items: Array.from({ length: 500 }, (_, i) => i) }, wait: true });
      expect(many.status).toBe('failed');
      expect(many.error?.code).toBe('run_step_limit');
      expect(many.stepCount).toBeLessThanOrEqual(100);

      const nested: WorkflowDocInput = {
        name: 'Nested',
        blocks: [
          trigger,
          { id: 'a', kind: 'for_each', config: { items: '{{ trigger.input.items }}' } },
          { id: 'b', kind: 'for_each', config: { items: '{{ trigger.input.items }}' } },
          { id: 'c', kind: 'for_each', config: { items: '{{ trigger.input.items }}' } },
          { id: 'leaf', kind: 'log', config: { message: 'x' } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'a', port: 'out' },
          { id: 'e2', from: 'a', to: 'b', port: 'each' },
          { id: 'e3', from: 'b', to: 'c', port: 'each' },
          { id: 'e4', from: 'c', to: 'leaf', port: 'each' },
        ],
      };
      const deep = await engine.call('runs.start', { doc: nested, input: { items: [1, 2] }, wait: true });
      expect(deep.status).toBe('failed');
      expect(deep.error?.code).toBe('loop_nesting_limit');
      expect(deep.error?.message).toMatch(/Flatten/);
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('resumes a loop interrupted by a quit without sending any finished item again', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const url = `${api.url}/items`;
      const doc: WorkflowDocInput = {
        name: 'Slow deliveries',
        blocks: [
          trigger,
          { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.items }}', concurrency: 1 } },
          { id: 'wait', kind: 'delay', config: { ms: 60 } },
          { id: 'post', kind: 'http_request', config: { method: 'POST', url, body: { n: '{{ item }}' } } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'loop', port: 'out' },
          { id: 'e2', from: 'loop', to: 'wait', port: 'each' },
          { id: 'e3', from: 'wait', to: 'post', port: 'out' },
        ],
      };
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const run = await first.call('runs.start', { doc, input: { items: [0, 1, 2, 3, 4, 5, 6, 7] } });
      // Quit once the loop is under way (an item delivered, the rest still to come), however slow
      // the machine: a fixed sleep could end before the first delivery.
      while (!api.requests.some((r) => r.url === '/items')) await new Promise((r) => setTimeout(r, 10));
      await first.close();
      const bodyOf = (r: { body: string }) => (JSON.parse(r.body) as { n: number }).n;
      const sentBefore = api.requests.filter((r) => r.url === '/items').map(bodyOf);
      expect(sentBefore.length).toBeGreaterThan(0);
      expect(sentBefore.length).toBeLessThan(8);

      const second = await createEngine({ dataDir: dir.path, ...db.option });
      try {
        await second.idle();
        expect((await second.call('runs.get', { id: run.id })).status).toBe('succeeded');
        const bodies = api.requests.filter((r) => r.url === '/items').map(bodyOf);
        expect([...new Set(bodies)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        // A finished item is never sent again; only the delivery in flight when the engine quit
        // (concurrency 1: the last one sent) may be, and then with the same idempotency key.
        const twice = bodies.filter((n, i) => bodies.indexOf(n) !== i);
        expect(twice.every((n) => n === sentBefore.at(-1))).toBe(true);
        expect(twice.length).toBeLessThanOrEqual(1);
        const steps = await second.call('runs.steps', { runId: run.id });
        // One journal row per step executed: each post once, the loop once.
        expect(steps.filter((s) => s.blockId === 'post' && s.status === 'succeeded')).toHaveLength(8);
        expect(steps.filter((s) => s.blockId === 'loop')).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('does not resume a run that crashed the engine twice in a row without progress', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const run = await first.call('runs.start', { doc: busyLoop(3), input: { items: [1, 2, 3] }, wait: true });
      // What a second crash at the same point leaves: running, one crash counted at that progress.
      const { stepCount } = await first.context.runs.crashInfo(run.id);
      await first.context.database.updateTable('runs').set({ status: 'running', finished_at: null, crash_count: 1, resume_mark: stepCount }).where('id', '=', run.id).execute();
      await first.close();
      const second = await createEngine({ dataDir: dir.path, ...db.option });
      try {
        await second.idle();
        const after = await second.call('runs.get', { id: run.id });
        expect(after.status).toBe('failed');
        expect(after.error?.code).toBe('run_crashed_engine');
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('serve listens before it resumes interrupted runs, and a waiting run can be cancelled', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const slow: WorkflowDocInput = {
        name: 'Slow',
        blocks: [trigger, { id: 'wait', kind: 'delay', config: { ms: 2000 } }],
        edges: [{ id: 'e1', from: 'trigger', to: 'wait', port: 'out' }],
      };
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      const a = await first.call('runs.start', { doc: slow });
      const b = await first.call('runs.start', { doc: slow });
      await new Promise((r) => setTimeout(r, 100));
      await first.close();

      const bridge = await startBridge({ dataDir: dir.path, ...db.option });
      try {
        const call = async (method: string, args: unknown): Promise<{ status: string }> => {
          const res = await fetch(`http://127.0.0.1:${bridge.port}/api/call/${method}`, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
          return (await res.json()) as { status: string };
        };
        // One at a time: the second waits (queued) while the first resumes, and can be cancelled.
        const statuses = [(await call('runs.get', { id: a.id })).status, (await call('runs.get', { id: b.id })).status];
        expect(statuses).toContain('queued');
        const waiting = statuses[0] === 'queued' ? a.id : b.id;
        expect((await call('runs.cancel', { id: waiting })).status).toBe('cancelled');
        const other = waiting === a.id ? b.id : a.id;
        // idle() counts a run still waiting its turn in the resume queue.
        await bridge.engine.idle();
        expect((await call('runs.get', { id: other })).status).toBe('succeeded');
        expect((await call('runs.get', { id: waiting })).status).toBe('cancelled');
      } finally {
        await bridge.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });
});
