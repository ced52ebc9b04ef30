import { describe, expect, it } from 'vitest';
import { withEngine } from '../../engine/testing/temp-engine';

// An upgrade starts the workflows triggered on upgrade, one live run per installation and
// workflow at a time. When a live run of one is still going, the upgrade stands (its release, its
// rebased versions) and says plainly what did not run and what to do, instead of a bare
// "already running" that reads as if the upgrade had failed.

describe('an upgrade while a workflow that runs on upgrade is still running', () => {
  it('is applied, starts what it can, and says which on-upgrade run did not start and why', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.create', { name: 'Small' });
      const migrate = await engine.call('integrations.addWorkflow', {
        id: integration.id, name: 'Migrate state',
        doc: { name: 'Migrate state', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'upgrade' } }, { id: 'wait', kind: 'delay', config: { ms: 600_000 } }], edges: [{ id: 'e', from: 'trigger', to: 'wait', port: 'out' }] },
      });
      const notify = await engine.call('integrations.addWorkflow', {
        id: integration.id, name: 'Tell the customer',
        doc: { name: 'Tell the customer', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'upgrade' } }, { id: 'note', kind: 'log', config: { message: 'upgraded' } }], edges: [{ id: 'e', from: 'trigger', to: 'note', port: 'out' }] },
      });
      await engine.call('integrations.release', { id: integration.id });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await engine.call('installations.install', { id: inst.id, wait: true });
      await engine.call('integrations.release', { id: integration.id, notes: 'v2' });

      // Someone started "Migrate state" by hand; it is still waiting.
      const live = await engine.call('installations.runWorkflow', { id: inst.id, workflowId: migrate.id });
      expect(live.status).toBe('running');

      const refused = engine.call('installations.upgrade', { id: inst.id, wait: true });
      await expect(refused).rejects.toMatchObject({
        code: 'upgrade_run_not_started',
        message: expect.stringMatching(/^Upgraded to v2, but not everything ran on upgrade: "Migrate state" is already running for Acme \(run [\w-]+, started .+\); wait for it to finish or cancel it, then run it again\.$/),
        details: { upgradedTo: 2, notStarted: [{ runId: live.id, workflowId: migrate.id }] },
      });
      expect((await engine.call('installations.get', { id: inst.id })).version).toBe(2);
      const runs = await engine.call('installations.runs', { id: inst.id });
      // The other on-upgrade workflow ran; "Migrate state" has only the run that was going.
      expect(runs.filter((r) => r.workflowId === notify.id).map((r) => r.status)).toEqual(['succeeded']);
      expect(runs.filter((r) => r.workflowId === migrate.id).map((r) => r.id)).toEqual([live.id]);

      await engine.call('runs.cancel', { id: live.id });
    });
  });

  it('is not applied again: an upgrade to the release the installation is on is refused and runs nothing', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.create', { name: 'Small' });
      const notify = await engine.call('integrations.addWorkflow', {
        id: integration.id, name: 'Tell the customer',
        doc: { name: 'Tell the customer', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'upgrade' } }, { id: 'note', kind: 'log', config: { message: 'upgraded' } }], edges: [{ id: 'e', from: 'trigger', to: 'note', port: 'out' }] },
      });
      await engine.call('integrations.release', { id: integration.id });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await engine.call('installations.install', { id: inst.id, wait: true });
      const v2 = await engine.call('integrations.release', { id: integration.id, notes: 'v2' });
      await engine.call('installations.upgrade', { id: inst.id, wait: true });

      // A stale "Upgrade to v2" clicked again, or the same API call repeated.
      for (const again of [{ id: inst.id, wait: true }, { id: inst.id, releaseId: v2.id, wait: true }]) {
        await expect(engine.call('installations.upgrade', again)).rejects.toMatchObject({
          code: 'already_on_release', message: expect.stringMatching(/^Acme is already on v2: there is nothing to upgrade/),
        });
      }
      const runs = await engine.call('installations.runs', { id: inst.id });
      expect(runs.filter((r) => r.workflowId === notify.id)).toHaveLength(1);
      const upgrades = (await engine.call('installations.activity', { id: inst.id })).filter((a) => a.action === 'upgraded');
      expect(upgrades.map((a) => a.details)).toEqual([expect.objectContaining({ from: 1, to: 2 })]);
    });
  });
});
