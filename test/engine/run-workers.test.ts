import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/api/events';
import type { RunRecord, StepRecord } from '../../engine/api/records';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import { createEngine, type Engine } from '../../engine/host/engine';
import { RunWorkers } from '../../engine/host/run-workers/pool';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { longStepDoc } from '../../engine/testing/long-step';
import { json, startTestServer, tempDir, testDatabase, type TestServer } from '../../engine/testing/temp-engine';

// Runs execute in worker threads (as under `patchbay serve`): the bridge answers while a run
// computes, Cancel reaches the run, a quit leaves it to resume, a worker that dies is replaced
// and its run resumes under the crash rules, and secrets saved meanwhile stay out of the journal.

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer((req, _body, res) => {
    // A delivery takes a moment, so a test can act while a loop is between items.
    setTimeout(() => json(res, 201, { ok: true }), 20);
  });
});
afterAll(() => api.close());

const trigger = { id: 'trigger', kind: 'trigger', config: { type: 'manual' } } as const;

/** A For Each delivering one order per item, one at a time. */
function deliveriesDoc(tag: string): WorkflowDocInput {
  return {
    name: 'Deliveries',
    blocks: [
      trigger,
      { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.ids }}', concurrency: 1 } },
      { id: 'post', kind: 'http_request', config: { method: 'POST', url: `${api.url}/${tag}`, body: { id: '{{ item }}' } } },
    ],
    edges: [{ id: 'e1', from: 'trigger', to: 'loop', port: 'out' }, { id: 'e2', from: 'loop', to: 'post', port: 'each' }],
  };
}

function delivered(tag: string): string[] {
  return api.requests.filter((r) => r.url === `/${tag}`).map((r) => String((JSON.parse(r.body) as { id: unknown }).id));
}

const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

async function call<T>(bridge: Bridge, method: string, args: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${bridge.port}/api/call/${method}`, {
    method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' }, body: JSON.stringify(args),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The first event that matches, from now on. */
function nextEvent<E extends EngineEvent>(engine: Engine, match: (e: EngineEvent) => e is E): Promise<E> {
  return new Promise((resolve) => {
    const stop = engine.subscribe((e) => {
      if (!match(e)) return;
      stop();
      resolve(e);
    });
  });
}

const runStarted = (id: string) => (e: EngineEvent): e is Extract<EngineEvent, { type: 'run.started' }> => e.type === 'run.started' && e.run.id === id;
const runFinished = (id: string) => (e: EngineEvent): e is Extract<EngineEvent, { type: 'run.finished' }> => e.type === 'run.finished' && e.run.id === id;
const stepFinished = (blockId: string) => (e: EngineEvent): e is Extract<EngineEvent, { type: 'step.finished' }> => e.type === 'step.finished' && e.step.blockId === blockId;

describe('runs in worker threads', () => {
  it('the bridge answers while a run computes a long step, before the run finishes', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const bridge = await startBridge({ dataDir: dir.path, ...db.option, runWorkers: 1 });
    try {
      // Subscribed before the start, so neither event can be missed.
      let runId = '';
      const events: EngineEvent[] = [];
      const stop = bridge.engine.subscribe((e) => events.push(e));
      const run = await call<RunRecord>(bridge, 'runs.start', { doc: longStepDoc(300_000) });
      runId = run.id;
      const finished = new Promise<RunRecord>((resolve) => {
        const check = (): void => {
          const e = events.find((x) => runFinished(runId)(x));
          if (e && e.type === 'run.finished') resolve(e.run);
          else setTimeout(check, 5);
        };
        check();
      });
      // The run has begun (its worker reports run.started before the long step holds it).
      while (!events.some(runStarted(runId))) await new Promise((r) => setTimeout(r, 5));
      const order: string[] = [];
      const listed = call<unknown[]>(bridge, 'workflows.list', {}).then(() => order.push('workflows.list answered'));
      const done = finished.then((r) => {
        order.push('run finished');
        return r;
      });
      const [, result] = await Promise.all([listed, done]);
      stop();
      expect(result.status).toBe('succeeded');
      expect(order).toEqual(['workflows.list answered', 'run finished']);
    } finally {
      await bridge.close();
      await db.drop();
      dir.remove();
    }
  });

  it('shows the step running in a worker, and Cancel stops it', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option, runWorkers: 1 });
    try {
      const doc: WorkflowDocInput = { name: 'Waits', blocks: [trigger, { id: 'wait', kind: 'delay', config: { ms: 600_000 } }], edges: [{ id: 'e1', from: 'trigger', to: 'wait', port: 'out' }] };
      const waiting = nextEvent(engine, (e): e is Extract<EngineEvent, { type: 'step.started' }> => e.type === 'step.started' && e.step.blockId === 'wait');
      const run = await engine.call('runs.start', { doc });
      await waiting;
      const during = await engine.call('runs.steps', { runId: run.id });
      expect(during.map((s: StepRecord) => [s.blockId, s.status])).toEqual([['trigger', 'succeeded'], ['wait', 'running']]);
      const cancelled = await engine.call('runs.cancel', { id: run.id });
      expect(cancelled.status).toBe('cancelled');
      const after = await engine.call('runs.steps', { runId: run.id });
      expect(after.find((s) => s.blockId === 'wait')?.status).toBe('failed');
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('a quit interrupts a run in a worker; the next start finishes it without re-sending a delivered item', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const first = await createEngine({ dataDir: dir.path, ...db.option, runWorkers: 1 });
    const some = new Promise<void>((resolve) => {
      let n = 0;
      first.subscribe((e) => {
        if (stepFinished('post')(e) && ++n === 5) resolve();
      });
    });
    const run = await first.call('runs.start', { doc: deliveriesDoc('quit'), input: { ids: ids(40) } });
    await some;
    await first.close();
    const sentBefore = delivered('quit').length;
    expect(sentBefore).toBeLessThan(40);
    const second = await createEngine({ dataDir: dir.path, ...db.option, runWorkers: 1, resume: false });
    try {
      // The quit left it queued, to continue.
      expect((await second.call('runs.get', { id: run.id })).status).toBe('queued');
      await second.context.runner.resumeInterrupted();
      await second.idle();
      expect((await second.call('runs.get', { id: run.id })).status).toBe('succeeded');
      const sent = delivered('quit');
      expect(new Set(sent)).toEqual(new Set(ids(40).map(String)));
      // Only the delivery in flight at the quit may go out twice.
      expect(sent.length).toBeLessThanOrEqual(41);
    } finally {
      await second.close();
      await db.drop();
      dir.remove();
    }
  });

  it('a worker that dies is replaced: its run resumes after its last finished item', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option, runWorkers: 1 });
    try {
      const pool = engine.context.runner.executor;
      if (!(pool instanceof RunWorkers)) throw new Error('the engine was asked for run workers');
      const starts: string[] = [];
      engine.subscribe((e) => e.type === 'run.started' && starts.push(e.run.id));
      const some = new Promise<void>((resolve) => {
        let n = 0;
        engine.subscribe((e) => {
          if (stepFinished('post')(e) && ++n === 5) resolve();
        });
      });
      const run = await engine.call('runs.start', { doc: deliveriesDoc('crash'), input: { ids: ids(30) } });
      const finished = nextEvent(engine, runFinished(run.id));
      await some;
      // As a crash or running out of memory would end it.
      await pool.threadOf(run.id)?.terminate();
      const result = (await finished).run;
      expect(result.status).toBe('succeeded');
      expect(starts.filter((id) => id === run.id)).toHaveLength(2);
      const sent = delivered('crash');
      expect(new Set(sent)).toEqual(new Set(ids(30).map(String)));
      expect(sent.length).toBeLessThanOrEqual(31);
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('a run that takes its worker down twice at the same point is failed with run_crashed_engine, not resumed again', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option, runWorkers: 1 });
    try {
      const pool = engine.context.runner.executor;
      if (!(pool instanceof RunWorkers)) throw new Error('the engine was asked for run workers');
      const doc: WorkflowDocInput = { name: 'Waits', blocks: [trigger, { id: 'wait', kind: 'delay', config: { ms: 600_000 } }], edges: [{ id: 'e1', from: 'trigger', to: 'wait', port: 'out' }] };
      const waits: string[] = [];
      const waiting = (n: number): Promise<void> => new Promise((resolve) => {
        const stop = engine.subscribe((e) => {
          if (e.type === 'step.started' && e.step.blockId === 'wait' && waits.push(e.step.runId) === n) {
            stop();
            resolve();
          }
        });
      });
      const first = waiting(1);
      const run = await engine.call('runs.start', { doc });
      const finished = nextEvent(engine, runFinished(run.id));
      await first;
      const second = waiting(2);
      await pool.threadOf(run.id)?.terminate();
      // Resumed on a new worker, it reaches the same step without finishing anything new.
      await second;
      await pool.threadOf(run.id)?.terminate();
      const result = (await finished).run;
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('run_crashed_engine');
      expect((await engine.call('runs.get', { id: run.id })).status).toBe('failed');
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });

  it('keeps a secret saved after its worker started out of the journal', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option, runWorkers: 1 });
    try {
      const echo: WorkflowDocInput = { name: 'Echo', blocks: [trigger, { id: 'say', kind: 'log', config: { message: 'token {{ trigger.input.token }}' } }], edges: [{ id: 'e1', from: 'trigger', to: 'say', port: 'out' }] };
      // The worker is up, with the secrets it read then.
      await engine.call('runs.start', { doc: echo, input: { token: 'nothing yet' }, wait: true });
      const secret = 'sk-live-6a1f0c2e9b';
      await engine.call('connections.save', { name: 'Your App', kind: 'your_app', values: { baseUrl: api.url, apiKey: secret } });
      const run = await engine.call('runs.start', { doc: echo, input: { token: secret }, wait: true });
      const steps = await engine.call('runs.steps', { runId: run.id });
      expect(JSON.stringify(steps)).not.toContain(secret);
      expect(steps.find((s) => s.blockId === 'say')?.output).toMatchObject({ message: expect.stringContaining('token ') });
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });
});
