import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { withEngine } from '../../engine/testing/temp-engine';

// A connection that installations use cannot be deleted out from under them: the refusal names
// the customers, and the connections list says who uses each connection.

async function installOrderSync(engine: Engine, integrationId: string, customerName: string): Promise<string> {
  const inst = await engine.call('installations.create', { integrationId, customerName });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  await engine.call('installations.install', { id: inst.id, wait: true });
  return inst.id;
}

describe('deleting a connection in use', () => {
  it('is refused naming the installations that use it, and allowed once none does', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
      const acme = await installOrderSync(engine, integration.id, 'Acme');
      const globex = await installOrderSync(engine, integration.id, 'Globex');

      const listed = await engine.call('connections.list', {});
      expect(listed.find((c) => c.id === 'demo-your-app')?.usedBy.map((u) => u.customerName)).toEqual(['Acme', 'Globex']);

      await expect(engine.call('connections.delete', { id: 'demo-your-app' })).rejects.toMatchObject({
        code: 'connection_in_use',
        message: expect.stringMatching(/"Acme", "Globex"; choose another connection for them/),
      });
      // Still there, and the installations still run with it.
      expect((await engine.call('connections.get', { id: 'demo-your-app' })).usedBy).toHaveLength(2);

      await engine.call('installations.uninstall', { id: acme });
      await expect(engine.call('connections.delete', { id: 'demo-your-app' })).rejects.toMatchObject({
        code: 'connection_in_use',
        message: expect.stringContaining('used by the installation "Globex"; choose another connection for it'),
      });
      await engine.call('installations.uninstall', { id: globex });
      expect((await engine.call('connections.get', { id: 'demo-your-app' })).usedBy).toEqual([]);
      await expect(engine.call('connections.delete', { id: 'demo-your-app' })).resolves.toEqual({ deleted: true });
    }, { demoSandbox: true });
  });

  it('says which connection is gone when one is asked for after deletion', async () => {
    await withEngine(async (engine) => {
      await expect(engine.call('connections.delete', { id: 'demo-your-app' })).resolves.toEqual({ deleted: true });
      await expect(engine.call('connections.get', { id: 'demo-your-app' })).rejects.toMatchObject({
        code: 'not_found',
        message: expect.stringContaining('Connection "demo-your-app" does not exist'),
      });
    }, { demoSandbox: true });
  });
});
