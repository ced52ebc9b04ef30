import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../api/contract';
import { tempDir, testDatabase, type TestEngineDatabase } from '../testing/temp-engine';
import { startBridge, type Bridge } from './bridge';

// Users with passwords and roles on a server (`--auth api-keys`), over real HTTP on loopback: a
// browser signs in with a name and password; the role decides what its calls may do.

const PASSWORDS = { vera: 'viewer passphrase one', otto: 'operator passphrase two', ada: 'admin passphrase three' };

interface Answer { status: number; body: unknown; text: string; cookie: string }

async function send(bridge: Bridge, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${bridge.port}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

const signIn = (bridge: Bridge, name: string, password: string) => send(bridge, '/api/session', { body: { name, password } });
const call = (bridge: Bridge, cookie: string, method: string, args: unknown = {}) => send(bridge, `/api/call/${method}`, { body: args, headers: { cookie } });

let server: Bridge;
let db: TestEngineDatabase;
const dir = tempDir();
let installationId = '';
const logged: string[] = [];
const originalWrite = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

beforeAll(async () => {
  // Everything the server prints while these tests run, to prove no password is ever among it.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (logged.push(String(chunk)), originalWrite.out(chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (logged.push(String(chunk)), originalWrite.err(chunk, ...rest))) as typeof process.stderr.write;
  db = await testDatabase();
  server = await startBridge({ dataDir: dir.path, ...db.option, auth: 'api-keys' });
  const { engine } = server;
  await engine.call('users.add', { name: 'vera', role: 'viewer', password: PASSWORDS.vera });
  await engine.call('users.add', { name: 'otto', role: 'operator', password: PASSWORDS.otto });
  await engine.call('users.add', { name: 'ada', role: 'admin', password: PASSWORDS.ada });
  // An installation ready to activate: one manual workflow, released and installed.
  const integration = await engine.call('integrations.create', { name: 'Order Sync' });
  await engine.call('integrations.addWorkflow', { id: integration.id, name: 'Fetch Historical Orders' });
  await engine.call('integrations.release', { id: integration.id });
  installationId = (await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' })).id;
  await engine.call('installations.install', { id: installationId, wait: true });
});
afterAll(async () => {
  process.stdout.write = originalWrite.out;
  process.stderr.write = originalWrite.err;
  await server.close();
  await db.drop();
  dir.remove();
});

describe('users on a server', () => {
  it('sign in with a name and password: a session cookie, and the role and methods it allows', async () => {
    const vera = await signIn(server, 'vera', PASSWORDS.vera);
    expect(vera.status).toBe(200);
    expect(vera.cookie).toMatch(/^patchbay_session=[A-Za-z0-9_-]{43}$/);
    expect(vera.body).toMatchObject({ kind: 'user', name: 'vera', role: 'viewer' });
    const session = await send(server, '/api/session', { headers: { cookie: vera.cookie } });
    expect(session.body).toMatchObject({ kind: 'user', name: 'vera', role: 'viewer', methods: expect.arrayContaining(['installations.list', 'runs.steps']) as unknown });
    expect((session.body as { methods: string[] }).methods).not.toContain('installations.activate');
  });

  it('lets a viewer read but refuses activation with forbidden_for_role naming the role needed; an operator activates and pauses', async () => {
    const vera = (await signIn(server, 'vera', PASSWORDS.vera)).cookie;
    expect((await call(server, vera, 'installations.get', { id: installationId })).body).toMatchObject({ lifecycle: 'configuring' });
    const refused = await call(server, vera, 'installations.activate', { id: installationId });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden_for_role', details: { needed: 'operator', role: 'viewer' } });
    expect((await server.engine.call('installations.get', { id: installationId })).lifecycle).toBe('configuring');

    const otto = (await signIn(server, 'otto', PASSWORDS.otto)).cookie;
    const activated = await call(server, otto, 'installations.activate', { id: installationId });
    expect(activated.status).toBe(200);
    expect((await server.engine.call('installations.get', { id: installationId })).lifecycle).toBe('active');
    expect((await call(server, otto, 'installations.pause', { id: installationId })).status).toBe(200);
    // An operator may not release or manage users.
    expect((await call(server, otto, 'users.add', { name: 'mallory', role: 'admin', password: 'a passphrase of mine' })).body).toMatchObject({ code: 'forbidden_for_role', details: { needed: 'admin' } });
    expect((await server.engine.call('users.list', {})).map((u) => u.name)).toEqual(['ada', 'otto', 'vera']);
  });

  it('names the signed-in user in the activity log', async () => {
    const otto = (await signIn(server, 'otto', PASSWORDS.otto)).cookie;
    await call(server, otto, 'installations.activate', { id: installationId });
    const activity = await server.engine.call('installations.activity', { id: installationId });
    expect(activity.filter((a) => a.actor === 'otto').map((a) => a.action)).toEqual(expect.arrayContaining(['activated', 'paused']));
  });

  it('answers a wrong password and an unknown name with the same sign_in_failed, naming neither', async () => {
    const wrong = await signIn(server, 'vera', 'not her passphrase');
    const unknown = await signIn(server, 'nobody', PASSWORDS.vera);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'sign_in_failed' });
    expect(unknown.text).toBe(wrong.text);
    expect(wrong.cookie).toBe('');
  });

  it('ends a user\'s sessions when their password changes or they are removed', async () => {
    const ada = (await signIn(server, 'ada', PASSWORDS.ada)).cookie;
    const vera = (await signIn(server, 'vera', PASSWORDS.vera)).cookie;
    expect((await call(server, ada, 'users.passwd', { user: 'vera', password: 'a brand new passphrase' })).status).toBe(200);
    expect((await call(server, vera, 'installations.list')).body).toMatchObject({ code: 'auth_required' });
    expect((await signIn(server, 'vera', PASSWORDS.vera)).body).toMatchObject({ code: 'sign_in_failed' });
    const again = (await signIn(server, 'vera', 'a brand new passphrase')).cookie;
    expect((await call(server, ada, 'users.remove', { user: 'vera' })).status).toBe(200);
    expect((await call(server, again, 'installations.list')).body).toMatchObject({ code: 'auth_required' });
    await server.engine.call('users.add', { name: 'vera', role: 'viewer', password: PASSWORDS.vera });
  });

  it('keeps passwords out of the activity, answers, logs and the database file', async () => {
    const activity = JSON.stringify(await server.engine.call('installations.activity', { id: installationId }));
    const listed = JSON.stringify((await call(server, (await signIn(server, 'ada', PASSWORDS.ada)).cookie, 'users.list')).body);
    // At rest: on SQLite the whole file; on PostgreSQL the users' and sessions' rows.
    const stored = db.option.database
      ? JSON.stringify([await server.engine.context.database.selectFrom('users').selectAll().execute(), await server.engine.context.database.selectFrom('user_sessions').selectAll().execute()])
      : (await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(server.engine.context.database), readFileSync(join(dir.path, 'patchbay.db')).toString('latin1'));
    for (const password of [...Object.values(PASSWORDS), 'a brand new passphrase']) {
      expect(activity).not.toContain(password);
      expect(listed).not.toContain(password);
      expect(logged.join('')).not.toContain(password);
      expect(stored).not.toContain(password);
    }
  });
});

describe('API keys with roles', () => {
  it('refuse what the key\'s role does not allow; a key made without a role is an admin, as every key was before roles', async () => {
    const viewer = await server.engine.call('apiKeys.create', { name: 'dashboard', role: 'viewer' });
    const bearer = { authorization: `Bearer ${viewer.key}` };
    expect((await send(server, '/api/call/installations.list', { body: {}, headers: bearer })).status).toBe(200);
    expect((await send(server, '/api/call/runs.start', { body: { workflowId: 'x' }, headers: bearer })).body).toMatchObject({ code: 'forbidden_for_role', details: { needed: 'operator', role: 'viewer' } });
    const publisher = await server.engine.call('apiKeys.create', { name: 'publisher' });
    expect(publisher.role).toBe('admin');
    expect((await send(server, '/api/call/publish.serverKey', { body: {}, headers: { authorization: `Bearer ${publisher.key}` } })).status).toBe(200);
  });
});

describe('every method the contract has', () => {
  // Walks the method table rather than a hand list, so a method added later is covered the day it
  // is added: whatever needs more than a viewer is refused to a viewer by the bridge itself, before
  // its arguments are even read, and nothing changes.
  const names = Object.keys(methods) as MethodName[];
  const needing = (least: 'operator' | 'admin') => names.filter((name) => least === 'operator' ? methods[name].access !== 'viewer' : methods[name].access === 'admin');

  // What a refused call might have changed: the installation's activity, the users and the keys
  // (a key's lastUsedAt moves with every call it signs, refused or not).
  const state = async () => JSON.stringify([
    await server.engine.call('installations.activity', { id: installationId }),
    await server.engine.call('users.list', {}),
    (await server.engine.call('apiKeys.list', {})).map(({ lastUsedAt: _used, ...key }) => key),
  ]);

  async function refusedTo(who: Record<string, string>, role: string, least: 'operator' | 'admin'): Promise<string[]> {
    const before = await state();
    const wrong: string[] = [];
    for (const name of needing(least)) {
      const answer = await send(server, `/api/call/${name}`, { body: {}, headers: who });
      const refused = answer.status === 403 && (answer.body as { code?: string; details?: { needed?: string; role?: string } } | null);
      if (!refused || refused.code !== 'forbidden_for_role' || refused.details?.needed !== methods[name].access || refused.details.role !== role) wrong.push(`${name}: ${answer.status} ${answer.text.slice(0, 120)}`);
    }
    const after = await state();
    expect(after).toBe(before);
    return wrong;
  }

  it('refuses a viewer user every method that needs an operator or an admin with forbidden_for_role', async () => {
    expect(needing('operator').length).toBeGreaterThan(50);
    const vera = (await signIn(server, 'vera', PASSWORDS.vera)).cookie;
    expect(await refusedTo({ cookie: vera }, 'viewer', 'operator')).toEqual([]);
  });

  it('refuses a viewer API key the same methods', async () => {
    const viewer = await server.engine.call('apiKeys.create', { name: 'wallboard', role: 'viewer' });
    expect(await refusedTo({ authorization: `Bearer ${viewer.key}` }, 'viewer', 'operator')).toEqual([]);
  });

  it('refuses an operator every method that needs an admin with forbidden_for_role', async () => {
    const otto = (await signIn(server, 'otto', PASSWORDS.otto)).cookie;
    expect(await refusedTo({ cookie: otto }, 'operator', 'admin')).toEqual([]);
  });
});
