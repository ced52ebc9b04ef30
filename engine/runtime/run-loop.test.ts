import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Port, WorkflowDocInput } from '../model/workflow';
import { json, startTestServer, withEngine, type TestServer } from '../testing/temp-engine';

let api: TestServer;
let busy = 0;
beforeAll(async () => {
  api = await startTestServer((req, body, res) => {
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      return; // never finishes
    }
    if (req.url === '/echo-key') return json(res, 401, { error: 'invalid key', got: req.headers.authorization ?? null });
    if (req.url === '/busy') {
      busy += 1;
      if (busy % 2 === 1) {
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        return res.end('{"error":"slow down"}');
      }
      return json(res, 200, { ok: true });
    }
    if (req.url?.startsWith('/orders/')) return json(res, 200, { id: req.url.split('/')[2], items: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }] });
    if (req.url === '/echo') return json(res, 201, { received: JSON.parse(body || 'null'), key: req.headers['idempotency-key'] ?? null });
    if (req.url === '/broken') return json(res, 500, { error: 'database is down' });
    json(res, 404, { error: 'no such route' });
  });
});
afterAll(() => api.close());

const trigger = { id: 'trigger', kind: 'trigger', config: { type: 'manual' } } as const;
const edge = (from: string, to: string, port: Port = 'out') => ({ id: `${from}-${port}-${to}`, from, to, port }) as const;

describe('run loop', () => {
  it('calls an API, branches on the answer and journals every step with input and output', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = {
        name: 'Fetch and branch',
        blocks: [
          trigger,
          { id: 'fetch', kind: 'http_request', config: { method: 'GET', url: `${api.url}/orders/{{ trigger.input.orderId }}` } },
          { id: 'many', kind: 'branch', config: { conditions: [{ field: '{{ steps.fetch.output.body.items.length }}', operator: 'gte', value: '3' }] } },
          { id: 'yes', kind: 'log', config: { message: 'order {{ steps.fetch.output.body.id }} has many lines' } },
          { id: 'no', kind: 'log', config: { message: 'few' } },
          { id: 'after', kind: 'set_variable', config: { name: 'done', value: true } },
        ],
        edges: [edge('trigger', 'fetch'), edge('fetch', 'many'), edge('many', 'yes', 'true'), edge('many', 'no', 'false'), edge('yes', 'after'), edge('no', 'after')],
      };
      const run = await engine.call('runs.start', { doc, input: { orderId: 42 }, wait: true });
      expect(run.status).toBe('succeeded');
      const steps = await engine.call('runs.steps', { runId: run.id });
      expect(steps.map((s) => s.blockId)).toEqual(['trigger', 'fetch', 'many', 'yes', 'after']);
      const fetch = steps.find((s) => s.blockId === 'fetch');
      expect(fetch?.input).toMatchObject({ url: `${api.url}/orders/42` });
      expect(fetch?.output).toMatchObject({ status: 200, body: { id: '42' } });
      expect(steps.find((s) => s.blockId === 'yes')?.output).toEqual({ level: 'info', message: 'order 42 has many lines' });
      expect(steps.every((s) => typeof s.durationMs === 'number' && s.finishedAt !== null)).toBe(true);
    });
  });

  it('iterates a For Each with bounded concurrency, journals the index and collects results', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = {
        name: 'Loop',
        blocks: [
          trigger,
          { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.skus }}', concurrency: 3 } },
          { id: 'post', kind: 'http_request', config: { method: 'POST', url: `${api.url}/echo`, body: { sku: '{{ item }}', position: '{{ index }}' } } },
          { id: 'total', kind: 'log', config: { message: '{{ steps.loop.output.length }} posted' } },
        ],
        edges: [edge('trigger', 'loop'), edge('loop', 'post', 'each'), edge('loop', 'total', 'done')],
      };
      const run = await engine.call('runs.start', { doc, input: { skus: ['a', 'b', 'c', 'd', 'e'] }, wait: true });
      expect(run.status).toBe('succeeded');
      const steps = await engine.call('runs.steps', { runId: run.id });
      const posts = steps.filter((s) => s.blockId === 'post');
      expect(posts.map((s) => s.iteration).sort()).toEqual([0, 1, 2, 3, 4]);
      expect(steps.find((s) => s.blockId === 'total')?.output).toMatchObject({ message: '5 posted' });
      const bodies = posts.map((p) => (p.output as { body: { received: { sku: string; position: number } } }).body.received);
      expect(bodies).toContainEqual({ sku: 'c', position: 2 });
      const keys = new Set(posts.map((p) => (p.output as { body: { key: string } }).body.key));
      expect(keys.size).toBe(5);
    });
  });

  it('stops at a Stop Workflow block with its reason', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = {
        name: 'Stops',
        blocks: [trigger, { id: 'stop', kind: 'stop', config: { reason: 'Mapping not agreed yet' } }, { id: 'never', kind: 'log', config: { message: 'x' } }],
        edges: [edge('trigger', 'stop'), edge('stop', 'never')],
      };
      const run = await engine.call('runs.start', { doc, wait: true });
      expect(run).toMatchObject({ status: 'stopped', stopReason: 'Mapping not agreed yet' });
      expect((await engine.call('runs.steps', { runId: run.id })).map((s) => s.blockId)).toEqual(['trigger', 'stop']);
    });
  });

  it('fails the step with the response attached on a non-2xx answer', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = { name: 'Broken', blocks: [trigger, { id: 'call', kind: 'http_request', config: { url: `${api.url}/broken` } }], edges: [edge('trigger', 'call')] };
      const run = await engine.call('runs.start', { doc, wait: true });
      expect(run.status).toBe('failed');
      expect(run.error?.code).toBe('http_error');
      const step = (await engine.call('runs.steps', { runId: run.id })).find((s) => s.blockId === 'call');
      expect(step?.status).toBe('failed');
      expect(step?.error?.details).toMatchObject({ response: { status: 500, body: { error: 'database is down' } } });
    });
  });

  it('reports an unreachable host clearly and stays usable', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = { name: 'Down', blocks: [trigger, { id: 'call', kind: 'http_request', config: { url: 'http://127.0.0.1:9/x', timeoutMs: 2000 } }], edges: [edge('trigger', 'call')] };
      const run = await engine.call('runs.start', { doc, wait: true });
      expect(run.error).toMatchObject({ code: 'network_error', message: expect.stringContaining('Could not reach 127.0.0.1:9') });
      const again = await engine.call('runs.start', { doc: { name: 'ok', blocks: [trigger], edges: [] }, wait: true });
      expect(again.status).toBe('succeeded');
    });
  });

  it('dry-runs writes in test mode, showing the request it would send', async () => {
    await withEngine(async (engine) => {
      const before = api.requests.length;
      const doc: WorkflowDocInput = { name: 'Dry', blocks: [trigger, { id: 'post', kind: 'http_request', config: { method: 'POST', url: `${api.url}/echo`, body: { a: '{{ trigger.input.a }}' } } }], edges: [edge('trigger', 'post')] };
      const run = await engine.call('runs.start', { doc, input: { a: 1 }, mode: 'test', wait: true });
      expect(run.status).toBe('succeeded');
      const step = (await engine.call('runs.steps', { runId: run.id }))[1];
      expect(step?.output).toMatchObject({ dryRun: true, request: { method: 'POST', url: `${api.url}/echo`, body: { a: 1 } } });
      expect(api.requests.length).toBe(before);
    });
  });

  it('refuses an invalid workflow before running, listing the issues', async () => {
    await withEngine(async (engine) => {
      const result = await engine.dispatch('runs.start', { doc: { name: 'x', blocks: [{ id: 'a', kind: 'log', config: {} }], edges: [] } });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_workflow');
        expect(result.error.details).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ code: 'missing_trigger' })]) });
      }
    });
  });

  it('cancels a running workflow', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = { name: 'Slow', blocks: [trigger, { id: 'wait', kind: 'delay', config: { ms: 20000 } }], edges: [edge('trigger', 'wait')] };
      const run = await engine.call('runs.start', { doc });
      await new Promise((r) => setTimeout(r, 50));
      const cancelled = await engine.call('runs.cancel', { id: run.id });
      expect(cancelled.status).toBe('cancelled');
    });
  });
});

describe('JSON API Call with a connection and retries', () => {
  it('joins a relative URL to the connection, sends its key, and hides it in a dry run', async () => {
    await withEngine(async (engine) => {
      const conn = await engine.call('connections.save', { name: 'Vendor API', kind: 'your_app', values: { baseUrl: `${api.url}/`, apiKey: 'ya_secret_key_123456' } });
      const doc: WorkflowDocInput = {
        name: 'With connection',
        blocks: [trigger, { id: 'post', kind: 'http_request', config: { method: 'POST', url: '/echo', connectionId: conn.id, body: { a: 1 } } }],
        edges: [edge('trigger', 'post')],
      };
      const live = await engine.call('runs.start', { doc, wait: true });
      expect(live.status).toBe('succeeded');
      expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer ya_secret_key_123456');
      const dry = await engine.call('runs.start', { doc, mode: 'test', wait: true });
      const step = (await engine.call('runs.steps', { runId: dry.id }))[1];
      expect(step?.output).toMatchObject({ dryRun: true, request: { url: `${api.url}/echo`, headers: { authorization: '[redacted]' } } });
      const liveSteps = await engine.call('runs.steps', { runId: live.id });
      expect(JSON.stringify(liveSteps)).not.toContain('ya_secret_key_123456');
    });
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    await withEngine(async (engine) => {
      const before = api.requests.filter((r) => r.url === '/busy').length;
      const doc: WorkflowDocInput = { name: 'Busy', blocks: [trigger, { id: 'call', kind: 'http_request', config: { url: `${api.url}/busy`, retries: 3 } }], edges: [edge('trigger', 'call')] };
      const run = await engine.call('runs.start', { doc, wait: true });
      expect(run.status).toBe('succeeded');
      expect(api.requests.filter((r) => r.url === '/busy').length - before).toBe(2);
    });
  });

  it('sends a connection\'s credentials only to its own host, and keeps them out of run errors', async () => {
    await withEngine(async (engine) => {
      const conn = await engine.call('connections.save', { name: 'Vendor API', kind: 'your_app', values: { baseUrl: api.url, apiKey: 'PLANTEDsecretAPIkey12345' } });
      const elsewhere: WorkflowDocInput = { name: 'Elsewhere', blocks: [trigger, { id: 'call', kind: 'http_request', config: { url: 'http://127.0.0.1:9/collect', connectionId: conn.id, retries: 0 } }], edges: [edge('trigger', 'call')] };
      const refused = await engine.call('runs.start', { doc: elsewhere, wait: true });
      expect(refused.error).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('only sent to') });
      const echo: WorkflowDocInput = { name: 'Echo', blocks: [trigger, { id: 'call', kind: 'http_request', config: { url: '/echo-key', connectionId: conn.id, retries: 0 } }], edges: [edge('trigger', 'call')] };
      const failed = await engine.call('runs.start', { doc: echo, wait: true });
      expect(failed.status).toBe('failed');
      for (const shown of [failed, await engine.call('runs.get', { id: failed.id }), await engine.call('runs.list', {})]) {
        expect(JSON.stringify(shown)).not.toContain('PLANTEDsecretAPIkey12345');
      }
      expect(JSON.stringify(failed.error)).toContain('[redacted]');
    });
  });

  it('times out a response whose body stalls, and retries it', async () => {
    await withEngine(async (engine) => {
      const before = api.requests.filter((r) => r.url === '/stall').length;
      const doc: WorkflowDocInput = { name: 'Stall', blocks: [trigger, { id: 'call', kind: 'http_request', config: { url: `${api.url}/stall`, timeoutMs: 300, retries: 1 } }], edges: [edge('trigger', 'call')] };
      const run = await engine.call('runs.start', { doc, wait: true });
      expect(run.error?.code).toBe('timeout');
      expect(api.requests.filter((r) => r.url === '/stall').length - before).toBe(2);
    });
  });

  it('gives every write in nested loops its own idempotency key and journals its path', async () => {
    await withEngine(async (engine) => {
      const before = api.requests.length;
      const doc: WorkflowDocInput = {
        name: 'Nested',
        blocks: [
          trigger,
          { id: 'outer', kind: 'for_each', config: { items: '{{ trigger.input.groups }}' } },
          { id: 'inner', kind: 'for_each', config: { items: '{{ item }}' } },
          { id: 'send', kind: 'http_request', config: { method: 'POST', url: `${api.url}/echo`, body: { v: '{{ item }}' } } },
        ],
        edges: [edge('trigger', 'outer'), edge('outer', 'inner', 'each'), edge('inner', 'send', 'each')],
      };
      const run = await engine.call('runs.start', { doc, input: { groups: [[1, 2], [3, 4]] }, wait: true });
      expect(run.status).toBe('succeeded');
      const keys = api.requests.slice(before).map((r) => r.headers['idempotency-key']);
      expect(new Set(keys).size).toBe(4);
      const paths = (await engine.call('runs.steps', { runId: run.id })).filter((s) => s.blockId === 'send').map((s) => s.iterationPath);
      expect(paths.sort()).toEqual(['0.0', '0.1', '1.0', '1.1']);
    });
  });

  it('stops the other iterations of a concurrent loop when one fails, before the run is reported', async () => {
    await withEngine(async (engine) => {
      const doc: WorkflowDocInput = {
        name: 'Halt',
        blocks: [
          trigger,
          { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.items }}', concurrency: 2 } },
          { id: 'which', kind: 'branch', config: { conditions: [{ field: '{{ item }}', operator: 'eq', value: 'fail' }] } },
          { id: 'bad', kind: 'http_request', config: { url: 'not a url' } },
          { id: 'wait', kind: 'delay', config: { ms: 300 } },
          { id: 'after', kind: 'log', config: { message: 'after {{ item }}' } },
        ],
        edges: [edge('trigger', 'loop'), edge('loop', 'which', 'each'), edge('which', 'bad', 'true'), edge('which', 'wait', 'false'), edge('wait', 'after')],
      };
      const events: string[] = [];
      engine.subscribe((e) => events.push(e.type === 'step.finished' || e.type === 'step.started' ? `${e.type}:${e.step.blockId}` : e.type));
      const run = await engine.call('runs.start', { doc, input: { items: ['fail', 'slow'] }, wait: true });
      expect(run.status).toBe('failed');
      await new Promise((r) => setTimeout(r, 500));
      expect(events.indexOf('run.finished')).toBe(events.length - 1);
      expect(events).not.toContain('step.started:after');
    });
  });
});
