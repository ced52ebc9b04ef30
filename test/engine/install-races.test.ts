import { describe, expect, it } from 'vitest';
import { withEngine } from '../../engine/testing/temp-engine';

// Two requests at once, as a double-click sends them: the repositories are async, so each
// request reads, awaits, then writes, and the two interleave.

describe('concurrent requests', () => {
  it('a double-click on Install installs once: one install succeeds, the other is refused, and the backfill runs once', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });

      const results = await Promise.allSettled([
        engine.call('installations.install', { id: inst.id, wait: true }),
        engine.call('installations.install', { id: inst.id, wait: true }),
      ]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'already_on_release' });
      const activity = await engine.call('installations.activity', { id: inst.id });
      expect(activity.filter((a) => a.action === 'installed')).toHaveLength(1);
      const runs = await engine.call('installations.runs', { id: inst.id });
      expect(runs.map((r) => r.workflowName)).toEqual(['Fetch Historical Orders']);

      // A click that arrives after the first install finished takes the upgrade's path: refused alike, nothing logged or run.
      await expect(engine.call('installations.install', { id: inst.id, wait: true })).rejects.toMatchObject({ code: 'already_on_release' });
      expect((await engine.call('installations.activity', { id: inst.id })).filter((a) => a.action === 'installed' || a.action === 'upgraded')).toHaveLength(1);
      expect(await engine.call('installations.runs', { id: inst.id })).toHaveLength(1);
    }, { demoSandbox: true });
  });
});
