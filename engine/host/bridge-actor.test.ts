import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../api/methods/installations';
import { tempDir, testDatabase, type TestEngineDatabase } from '../testing/temp-engine';
import { startBridge, type Bridge } from './bridge';

// The activity log says who did what: on a server (`--auth api-keys`) the name of the key that
// signed each request; on the desktop (the session token) the OS user, as before.

async function call(bridge: Bridge, method: string, args: unknown, authorization: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${bridge.port}/api/call/${method}`, {
    method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(args),
  });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  return body;
}

/** An installation created over HTTP with this authorization. */
async function installation(bridge: Bridge, authorization: string): Promise<string> {
  const integration = await call(bridge, 'integrations.create', { name: 'Order Sync' }, authorization) as { id: string };
  return (await call(bridge, 'installations.create', { integrationId: integration.id, customerName: 'Acme' }, authorization) as { id: string }).id;
}

const actors = async (bridge: Bridge, id: string): Promise<[string, string][]> =>
  (await bridge.engine.call('installations.activity', { id })).map((a: Activity) => [a.action, a.actor] as [string, string]).reverse();

describe('who the activity log names', () => {
  let server: Bridge;
  const dir = tempDir();
  let db: TestEngineDatabase;
  let dana = '';
  let ops = '';
  beforeAll(async () => {
    db = await testDatabase();
    server = await startBridge({ dataDir: dir.path, ...db.option, auth: 'api-keys' });
    dana = `Bearer ${(await server.engine.call('apiKeys.create', { name: 'Dana' })).key}`;
    ops = `Bearer ${(await server.engine.call('apiKeys.create', { name: 'Ops' })).key}`;
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
    dir.remove();
  });

  it('on a server with API keys: the key that signed each request, even when two keys act at once', async () => {
    const id = await installation(server, dana);
    // Both at once: each request's entries name its own key, never the other's.
    await Promise.all([
      call(server, 'installations.setConfig', { id, config: { region: 'eu' } }, ops),
      call(server, 'installations.setConfig', { id, config: { region: 'us' } }, dana),
      call(server, 'installations.setConfig', { id, config: { region: 'apac' } }, ops),
    ]);
    const entries = await actors(server, id);
    expect(entries[0]).toEqual(['created', 'Dana']);
    expect(entries.slice(1).map(([, actor]) => actor).sort()).toEqual(['Dana', 'Ops', 'Ops']);
    expect(entries.map(([, actor]) => actor)).not.toContain(userInfo().username);
  });

  it('on the desktop (the session token, or the engine called directly): the OS user', async () => {
    const desktopDir = tempDir();
    const desktopDb = await testDatabase();
    const desktop = await startBridge({ dataDir: desktopDir.path, ...desktopDb.option });
    try {
      const id = await installation(desktop, `Bearer ${desktop.token}`);
      await desktop.engine.call('installations.setConfig', { id, config: { region: 'eu' } });
      expect(await actors(desktop, id)).toEqual([['created', userInfo().username], ['config_changed', userInfo().username]]);
    } finally {
      await desktop.close();
      await desktopDb.drop();
      desktopDir.remove();
    }
  });
});
