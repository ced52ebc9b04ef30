import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testDatabase, type TestEngineDatabase } from '../testing/temp-engine';
import { startBridge, type Bridge } from './bridge';

let bridge: Bridge;
let db: TestEngineDatabase;
const dir = tempDir();
beforeAll(async () => {
  db = await testDatabase();
  bridge = await startBridge({ dataDir: dir.path, ...db.option });
});
afterAll(async () => {
  await bridge.close();
  await db.drop();
  dir.remove();
});

function raw(path: string, opts: { host?: string; token?: string | null; body?: string; origin?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port: bridge.port, path, method: opts.body === undefined ? 'GET' : 'POST',
        headers: {
          host: opts.host ?? `127.0.0.1:${bridge.port}`,
          ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? bridge.token}` }),
          'content-type': 'application/json',
          ...(opts.origin === undefined ? {} : { origin: opts.origin }),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 and prints a URL with the session token', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await raw('/api/call/workflows.list', { token: null, body: '{}' })).status).toBe(401);
    const wrong = await raw('/api/call/workflows.list', { token: 'guess', body: '{}' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ code: 'unauthorized' });
  });

  it('answers 403 to a foreign Host header (DNS rebinding)', async () => {
    const res = await raw('/api/call/workflows.list', { host: 'evil.example:80', body: '{}' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'forbidden' });
  });

  it('refuses a request from a page of another origin, even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${bridge.port + 1}`, 'null']) {
      const res = await raw('/api/call/workflows.list', { body: '{}', origin });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'origin_not_allowed' });
    }
    const events = await raw('/api/events', { origin: 'http://evil.example' });
    expect(events.status).toBe(403);
  });

  it('answers its own pages and programs that send no Origin', async () => {
    expect((await raw('/api/call/workflows.list', { body: '{}', origin: `http://127.0.0.1:${bridge.port}` })).status).toBe(200);
    expect((await raw('/api/call/workflows.list', { body: '{}', origin: `http://localhost:${bridge.port}`, host: `localhost:${bridge.port}` })).status).toBe(200);
    expect((await raw('/api/call/workflows.list', { body: '{}' })).status).toBe(200);
  });

  it('answers 400 with a code to a malformed body', async () => {
    const res = await raw('/api/call/workflows.create', { body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'bad_request' });
  });

  it('answers 200 with the result to a good call', async () => {
    const res = await raw('/api/call/workflows.create', { body: '{"name":"Via HTTP"}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ name: 'Via HTTP', rev: 1 });
  });

  it('does not serve files outside the UI folder', async () => {
    const res = await raw('/../../package.json', { token: null });
    expect(res.body).not.toContain('"allowScripts"');
  });

  it('answers a malformed address with 400 and an oversized body with 413', async () => {
    expect((await raw('/%E0%A4%A', { token: null })).status).toBe(400);
    const big = await raw('/api/call/workflows.create', { body: JSON.stringify({ name: 'x'.repeat(11 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'payload_too_large' });
  });
});
