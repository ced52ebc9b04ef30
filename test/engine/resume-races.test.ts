import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../engine/host/engine';
import { runnableDoc } from '../../engine/runtime/runnable-doc';
import { json, startTestServer, tempDir, testDatabase, type TestServer } from '../../engine/testing/temp-engine';

// An interrupted run is looked at (its document, its record) before it is handed to an executor.
// Requests that arrive in that window (a cancel, a second "resume interrupted runs") must see it.

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer((_req, _body, res) => json(res, 201, { ok: true }));
});
afterAll(() => api.close());

/** An engine holding one run the previous process left running (it crashed before any step). */
async function withInterruptedRun(fn: (engine: Engine, runId: string) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const db = await testDatabase();
  const engine = await createEngine({ dataDir: dir.path, resume: false, ...db.option });
  try {
    const doc = runnableDoc({
      name: 'Deliver',
      blocks: [
        { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
        { id: 'deliver', kind: 'http_request', config: { method: 'POST', url: `${api.url}/orders`, body: { id: 1 } } },
      ],
      edges: [{ id: 'e1', from: 'trigger', to: 'deliver', port: 'out' }],
    });
    const runId = randomUUID();
    await engine.context.runs.create({
      id: runId, workflowId: null, workflowName: doc.name, docJson: JSON.stringify(doc), mode: 'live', input: null,
      startedAt: new Date().toISOString(), installationId: null, versionRef: null, rootRunId: null, testRecordLimit: null,
    });
    await fn(engine, runId);
  } finally {
    await engine.close();
    await db.drop();
    dir.remove();
  }
}

/** Holds the first resume of a run after it was looked at, until `release` is called. */
function holdFirstResume(engine: Engine): { entered: Promise<void>; release: () => void } {
  const runs = engine.context.runs;
  const original = runs.markResumed.bind(runs);
  let entered!: () => void;
  let release!: () => void;
  const enteredP = new Promise<void>((r) => (entered = r));
  const released = new Promise<void>((r) => (release = r));
  let held = false;
  runs.markResumed = async (runId: string) => {
    if (!held) {
      held = true;
      entered();
      await released;
    }
    return original(runId);
  };
  return { entered: enteredP, release };
}

describe('resuming interrupted runs', () => {
  it('a run cancelled while it is about to resume ends cancelled and sends nothing', async () => {
    const before = api.requests.length;
    await withInterruptedRun(async (engine, runId) => {
      const hold = holdFirstResume(engine);
      engine.resumeInterrupted();
      await hold.entered;
      const cancelling = engine.call('runs.cancel', { id: runId });
      hold.release();
      expect((await cancelling).status).toBe('cancelled');
      await engine.idle();
      expect((await engine.call('runs.get', { id: runId })).status).toBe('cancelled');
      expect(api.requests.length - before).toBe(0);
    });
  });
});

describe('resuming interrupted runs in the background', () => {
  it('a failure to list interrupted runs is reported as an engine error event, not a crash', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, resume: false, ...db.option });
    try {
      const errors: string[] = [];
      const reported = new Promise<void>((resolve) => engine.subscribe((e) => {
        if (e.type === 'scheduler.error') {
          errors.push(`${e.key}: ${e.message}`);
          resolve();
        }
      }));
      const runs = engine.context.runs;
      runs.listByStatus = () => Promise.reject(new Error('The database connection is not open'));
      engine.resumeInterrupted();
      await reported;
      expect(errors).toEqual(['resume: The database connection is not open']);
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });
});
