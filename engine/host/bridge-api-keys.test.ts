import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testDatabase, type TestEngineDatabase } from '../testing/temp-engine';
import { startBridge, type Bridge } from './bridge';

// The bridge as a team's server reaches it (`--auth api-keys`), over real HTTP on loopback.

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; firstChunkOnly?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'), headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
        // An event stream never ends: its first chunk is the answer.
        if (opts.firstChunkOnly) {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          req.destroy();
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', (e) => (opts.firstChunkOnly ? undefined : reject(e)));
    req.end(opts.body);
  });
}

const code = (a: Answer): unknown => (JSON.parse(a.body) as { code: unknown }).code;
const call = (port: number, method: string, headers: Record<string, string> = {}): Promise<Answer> => send(port, `/api/call/${method}`, { body: '{}', headers });
const cookieOf = (a: Answer): string => String(a.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';

let bridge: Bridge;
let key: string;
let db: TestEngineDatabase;
const dir = tempDir();
beforeAll(async () => {
  db = await testDatabase();
  bridge = await startBridge({ dataDir: dir.path, ...db.option, auth: 'api-keys' });
  key = (await bridge.engine.call('apiKeys.create', { name: 'ops' })).key;
});
afterAll(async () => {
  await bridge.close();
  await db.drop();
  dir.remove();
});

describe('the bridge with --auth api-keys', () => {
  it('answers 401 auth_required to a request without a key, and prints no token in its address', async () => {
    const res = await call(bridge.port, 'workflows.list');
    expect(res.status).toBe(401);
    expect(code(res)).toBe('auth_required');
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(code(await send(bridge.port, '/api/session'))).toBe('auth_required');
  });

  it('carries a request with a bearer API key, and refuses the loopback token in its place', async () => {
    const res = await call(bridge.port, 'workflows.list', { authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual([]);
    expect(code(await send(bridge.port, '/api/call/workflows.list?token=anything', { body: '{}' }))).toBe('auth_required');
  });

  it('refuses a wrong key without echoing it, and a revoked key with its own code', async () => {
    const wrong = `${key.slice(0, -4)}AAAA`;
    const refused = await call(bridge.port, 'workflows.list', { authorization: `Bearer ${wrong}` });
    expect(refused.status).toBe(401);
    expect(code(refused)).toBe('api_key_invalid');
    expect(refused.body).not.toContain(wrong.slice(16));

    const spare = await bridge.engine.call('apiKeys.create', { name: 'leaver' });
    expect((await call(bridge.port, 'workflows.list', { authorization: `Bearer ${spare.key}` })).status).toBe(200);
    await bridge.engine.call('apiKeys.revoke', { key: 'leaver' });
    const revoked = await call(bridge.port, 'workflows.list', { authorization: `Bearer ${spare.key}` });
    expect(revoked.status).toBe(401);
    expect(code(revoked)).toBe('api_key_revoked');
  });

  it('signs a browser in with a key: an HttpOnly, SameSite=Strict cookie that opens the event stream until sign-out', async () => {
    const signIn = await send(bridge.port, '/api/session', { body: JSON.stringify({ key }) });
    expect(signIn.status).toBe(200);
    expect(JSON.parse(signIn.body)).toMatchObject({ name: 'ops' });
    expect(signIn.body).not.toContain(key);
    const setCookie = String(signIn.headers['set-cookie']?.[0]);
    expect(setCookie).toMatch(/^patchbay_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const cookie = cookieOf(signIn);

    expect(JSON.parse((await send(bridge.port, '/api/session', { headers: { cookie } })).body)).toMatchObject({ name: 'ops' });
    expect((await call(bridge.port, 'workflows.list', { cookie })).status).toBe(200);
    const events = await send(bridge.port, '/api/events', { headers: { cookie }, firstChunkOnly: true });
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toBe('text/event-stream');

    const signOut = await send(bridge.port, '/api/session', { method: 'DELETE', headers: { cookie } });
    expect(String(signOut.headers['set-cookie']?.[0])).toMatch(/^patchbay_session=; .*Max-Age=0/);
    const after = await send(bridge.port, '/api/events', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(code(after)).toBe('auth_required');
  });

  it('slows down an address after repeated failures: refused with Retry-After, even with the right key', async () => {
    const data = tempDir();
    const ownDb = await testDatabase();
    const own = await startBridge({ dataDir: data.path, ...ownDb.option, auth: 'api-keys' });
    try {
      const good = (await own.engine.call('apiKeys.create', { name: 'ops' })).key;
      for (let i = 0; i < 6; i++) {
        expect(code(await send(own.port, '/api/session', { body: JSON.stringify({ key: `pb_000000000000_${'x'.repeat(43)}` }) }))).toBe('api_key_invalid');
      }
      const locked = await send(own.port, '/api/session', { body: JSON.stringify({ key: good }) });
      expect(locked.status).toBe(429);
      expect(code(locked)).toBe('auth_rate_limited');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // Another client behind the same reverse proxy (X-Forwarded-For) is not locked out with it.
      expect((await call(own.port, 'workflows.list', { authorization: `Bearer ${good}`, 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    } finally {
      await own.close();
      await ownDb.drop();
      data.remove();
    }
  });
});

describe('listening beyond loopback', () => {
  it('is refused without API keys, and without the public address users open', async () => {
    const data = tempDir();
    try {
      await expect(startBridge({ dataDir: data.path, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'listen_needs_auth' });
      await expect(startBridge({ dataDir: data.path, host: '0.0.0.0', auth: 'api-keys' })).rejects.toMatchObject({ code: 'public_url_required' });
      await expect(startBridge({ dataDir: data.path, publicUrl: 'https://patchbay.example.com' })).rejects.toMatchObject({ code: 'bad_request' });
    } finally {
      data.remove();
    }
  });

  it('answers requests addressed to the public URL (as a reverse proxy forwards them) and pages of that origin only', async () => {
    const data = tempDir();
    const serverDb = await testDatabase();
    const server = await startBridge({ dataDir: data.path, ...serverDb.option, host: '0.0.0.0', auth: 'api-keys', publicUrl: 'https://patchbay.example.com' });
    try {
      expect(server.url).toBe('https://patchbay.example.com/');
      const k = (await server.engine.call('apiKeys.create', { name: 'proxy' })).key;
      const viaProxy = { host: 'patchbay.example.com', origin: 'https://patchbay.example.com' };
      const signIn = await send(server.port, '/api/session', { body: JSON.stringify({ key: k }), headers: viaProxy });
      expect(signIn.status).toBe(200);
      // Users reach it over https (TLS at the proxy), so the cookie is only ever sent over https.
      expect(String(signIn.headers['set-cookie']?.[0])).toMatch(/; Secure$/);
      expect((await call(server.port, 'workflows.list', { ...viaProxy, cookie: cookieOf(signIn) })).status).toBe(200);
      expect(code(await call(server.port, 'workflows.list', { host: 'evil.example', authorization: `Bearer ${k}` }))).toBe('forbidden');
      expect(code(await call(server.port, 'workflows.list', { ...viaProxy, origin: 'https://evil.example', authorization: `Bearer ${k}` }))).toBe('origin_not_allowed');
    } finally {
      await server.close();
      await serverDb.drop();
      data.remove();
    }
  });
});
