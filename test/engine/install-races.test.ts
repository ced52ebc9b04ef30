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

  it('a double-click on Release makes one release: both requests get it back', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      const results = await Promise.allSettled([
        engine.call('integrations.release', { id: integration.id, notes: 'First release' }),
        engine.call('integrations.release', { id: integration.id, notes: 'First release' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const [a, b] = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
      expect(a).toMatchObject({ version: 1, notes: 'First release' });
      expect(b).toEqual(a);
      expect((await engine.call('integrations.releases', { id: integration.id })).map((r) => r.version)).toEqual([1]);

      // Releasing again once something changed is a new release, as before.
      const wf = integration.workflows[0];
      if (!wf) throw new Error('the template has workflows');
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, notes: 'changed' } });
      expect(await engine.call('integrations.release', { id: integration.id, notes: 'First release' })).toMatchObject({ version: 2 });
    });
  });

  it('a double-click on Customise or New mapping makes one: the other request is told it exists, never a raw database error', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      const twice = async <T>(call: () => Promise<T>): Promise<{ made: T[]; codes: unknown[] }> => {
        const results = await Promise.allSettled([call(), call()]);
        return {
          made: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
          codes: results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: unknown }).code] : [])),
        };
      };

      const mapping = await twice(() => engine.call('mappings.create', { integrationId: integration.id, name: 'Invoice → bill' }));
      expect(mapping).toMatchObject({ made: [{ name: 'Invoice → bill' }], codes: ['mapping_exists'] });

      await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
      await engine.call('installations.install', { id: inst.id, wait: true });
      const workflowId = integration.workflows[0]?.id ?? '';
      const userVersion = await twice(() => engine.call('userVersions.create', { installationId: inst.id, workflowId }));
      expect(userVersion).toMatchObject({ made: [{ workflowId }], codes: ['user_version_exists'] });

      const mappingId = mapping.made[0]?.id ?? '';
      const custom = await twice(() => engine.call('installationMappings.create', { installationId: inst.id, mappingId }));
      expect(custom).toMatchObject({ made: [{ mappingId }], codes: ['mapping_custom_exists'] });
      const activity = (await engine.call('installations.activity', { id: inst.id })).map((a) => a.action);
      expect(activity.filter((a) => a === 'user_version_created' || a === 'mapping_customised')).toHaveLength(2);
    }, { demoSandbox: true });
  });

  it('a double-click on Upgrade upgrades once: the other request is refused and the upgrade is recorded once', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
      await engine.call('installations.install', { id: inst.id, wait: true });
      const wf = integration.workflows[0];
      if (!wf) throw new Error('the template has workflows');
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, notes: 'v2' } });
      await engine.call('integrations.release', { id: integration.id, notes: 'v2' });

      const results = await Promise.allSettled([
        engine.call('installations.upgrade', { id: inst.id, wait: true }),
        engine.call('installations.upgrade', { id: inst.id, wait: true }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'already_on_release' });
      const activity = await engine.call('installations.activity', { id: inst.id });
      expect(activity.filter((a) => a.action === 'upgraded')).toHaveLength(1);
    }, { demoSandbox: true });
  });
});
