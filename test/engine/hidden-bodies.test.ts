import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../engine/host/engine';
import { HIDDEN_BODY } from '../../engine/runtime/hidden-bodies';
import { json, startTestServer, tempDir, testDatabase, type TestEngineDatabase, type TestServer } from '../../engine/testing/temp-engine';

// A server that echoes the request's credentials back transformed (issue 14): the journal must
// not keep them in any form, and a connection can keep its response bodies out of it altogether.
const API_KEY = 'yk_live_9f8e7d6c5b4a';

describe('response bodies of a connection in the run journal', () => {
  const dir = tempDir();
  let db: TestEngineDatabase;
  let server: TestServer;
  let engine: Engine;
  let connectionId: string;
  let workflowId: string;

  beforeAll(async () => {
    db = await testDatabase();
    server = await startTestServer((req, _body, res) => {
      const auth = req.headers.authorization ?? '';
      const key = auth.replace(/^Bearer /, '');
      json(res, 200, {
        data: 'order 42 shipped',
        base64: Buffer.from(auth).toString('base64'),
        urlEncoded: `?k=${encodeURIComponent(key)}`,
        reversed: [...key].reverse().join(''),
        spaced: [...key].join(' '),
      });
    });
    engine = await createEngine({ dataDir: dir.path, ...db.option });
    connectionId = (await engine.call('connections.save', { name: 'Echo API', kind: 'your_app', values: { baseUrl: server.url, apiKey: API_KEY } })).id;
    const wf = await engine.call('workflows.create', {
      name: 'Echo',
      doc: {
        name: 'Echo',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'call', kind: 'http_request', config: { method: 'GET', url: '/echo', connectionId } },
          { id: 'note', kind: 'log', config: { message: 'got {{ steps.call.output.body.data }}' } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'call' },
          { id: 'e2', from: 'call', to: 'note' },
        ],
      },
    });
    workflowId = wf.id;
  });
  afterAll(async () => {
    await engine.close();
    await server.close();
    await db.drop();
    dir.remove();
  });

  async function runSteps(): Promise<Array<{ blockId: string; output: unknown }>> {
    const run = await engine.call('runs.start', { workflowId, input: {} });
    for (let i = 0; i < 200; i++) {
      const r = await engine.call('runs.get', { id: run.id });
      if (r.status !== 'running' && r.status !== 'queued') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return engine.call('runs.steps', { runId: run.id });
  }

  it('redacts the credential echoed back base64, URL-encoded, reversed and spaced', async () => {
    const steps = await runSteps();
    const body = (steps.find((s) => s.blockId === 'call')?.output as { body: Record<string, string> }).body;
    // base64("Bearer " + key): the encoded "Bearer " before the marker is not the secret.
    expect(body).toEqual({ data: 'order 42 shipped', base64: expect.stringMatching(/^QmVhcmVyI\w{0,4}\[redacted\][\w+/=]{0,4}$/), urlEncoded: '?k=[redacted]', reversed: '[redacted]', spaced: '[redacted]' });
    expect(JSON.stringify(steps)).not.toContain(API_KEY.slice(3));
  });

  it('keeps the body out of the journal once the connection hides it, persisted, while later blocks still read it', async () => {
    const set = await engine.call('connections.hideResponseBodies', { id: connectionId, hide: true });
    expect(set.hideResponseBodies).toBe(true);
    await engine.close();
    engine = await createEngine({ dataDir: dir.path, ...db.option });
    expect((await engine.call('connections.get', { id: connectionId })).hideResponseBodies).toBe(true);

    const steps = await runSteps();
    expect(steps.find((s) => s.blockId === 'call')?.output).toMatchObject({ status: 200, body: HIDDEN_BODY });
    expect(steps.find((s) => s.blockId === 'note')?.output).toMatchObject({ message: 'got order 42 shipped' });

    // A crash right after the call: the resumed run cannot reuse a body it never kept, so the
    // call runs again and the next block gets the real response.
    await engine.call('connections.hideResponseBodies', { id: connectionId, hide: true });
    const crashed = await engine.call('runs.start', { workflowId, input: {}, wait: true });
    await engine.context.database.updateTable('runs').set({ status: 'running', finished_at: null }).where('id', '=', crashed.id).execute();
    await engine.context.database.deleteFrom('steps').where('run_id', '=', crashed.id).where('block_id', '=', 'note').execute();
    await engine.close();
    const callsBefore = server.requests.length;
    engine = await createEngine({ dataDir: dir.path, ...db.option });
    await engine.idle();
    expect((await engine.call('runs.get', { id: crashed.id })).status).toBe('succeeded');
    expect(server.requests.length).toBe(callsBefore + 1);
    const resumed = await engine.call('runs.steps', { runId: crashed.id });
    expect(resumed.filter((s) => s.blockId === 'note').at(-1)?.output).toMatchObject({ message: 'got order 42 shipped' });

    await engine.call('connections.hideResponseBodies', { id: connectionId, hide: false });
    const shown = await runSteps();
    expect(shown.find((s) => s.blockId === 'call')?.output).toMatchObject({ body: { data: 'order 42 shipped' } });
  });
});
