import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { withEngine } from '../../engine/testing/temp-engine';

// The customer's version removed the template's Stop block (the mapping was agreed); the next
// release rewords that block. Deciding the conflict for the new release puts the block back as
// the release has it, without the edges the customer removed: nothing leads to it, so it would
// never run. The upgrade (or rebase) stands, and says so where the user reads its outcome.

const STOP = 'Wait for the mapping';

async function customisedAcme(engine: Engine): Promise<{ installationId: string; workflowId: string; userVersionId: string }> {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  const workflowId = integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string;
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  await engine.call('installations.install', { id: inst.id, wait: true });
  const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId });
  await engine.call('userVersions.save', {
    id: userVersion.id, baseRev: userVersion.rev,
    doc: {
      ...userVersion.doc,
      blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
      edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
    },
  });
  const draft = await engine.call('workflows.get', { id: workflowId });
  await engine.call('workflows.save', { id: workflowId, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'hold' ? { ...b, config: { reason: 'Agree the mapping first (reworded in v2).' } } : b)) } });
  await engine.call('integrations.release', { id: integration.id, notes: 'v2' });
  return { installationId: inst.id, workflowId, userVersionId: userVersion.id };
}

describe('a rebase that brings back a removed Stop block with nothing leading to it', () => {
  it('upgrades, and says in the upgrade and its activity entry that the block never runs until connected or deleted', async () => {
    await withEngine(async (engine) => {
      const { installationId, workflowId, userVersionId } = await customisedAcme(engine);
      const { conflicts } = await engine.call('userVersions.rebasePreview', { id: userVersionId });
      expect(conflicts.map((c) => [c.kind, c.blockId])).toEqual([['removed_and_changed', 'hold']]);

      const upgraded = await engine.call('installations.upgrade', { id: installationId, wait: true, resolutions: { [workflowId]: { [conflicts[0]?.id as string]: 'release' } } });
      const row = upgraded.workflows.find((w) => w.workflowId === workflowId);
      expect(row).toMatchObject({ plan: 'rebase_conflicts', unconnected: [STOP] });
      expect(row?.message).toBe(`1 conflict: decided. "${STOP}" is back from v2 with nothing leading to it, so it never runs: connect it in the customer's version, or delete it, before activating.`);
      // Only that workflow is named.
      expect(upgraded.workflows.filter((w) => w.unconnected)).toHaveLength(1);
      const [entry] = (await engine.call('installations.activity', { id: installationId })).filter((a) => a.action === 'upgraded');
      expect(entry?.details).toMatchObject({ unconnected: `Fetch Historical Orders: ${STOP}` });
      // And activation still refuses until someone connects or deletes it.
      const preview = await engine.call('installations.activationPreview', { id: installationId });
      expect(preview.problems.map((p) => p.message).join(' ')).toContain(`nothing leads to "${STOP}" from the Trigger`);
    }, { demoSandbox: true });
  });

  it('rebases on the installation page and says the same', async () => {
    await withEngine(async (engine) => {
      const { installationId, userVersionId } = await customisedAcme(engine);
      const preview = await engine.call('userVersions.rebasePreview', { id: userVersionId });
      const current = await engine.call('userVersions.get', { id: userVersionId });
      const rebased = await engine.call('userVersions.rebaseApply', { id: userVersionId, targetVersionId: preview.targetVersionId, baseRev: current.rev, resolutions: { [preview.conflicts[0]?.id as string]: 'release' } });
      expect(rebased).toMatchObject({ ancestorVersion: 2, unconnected: [STOP] });
      const [entry] = (await engine.call('installations.activity', { id: installationId })).filter((a) => a.action === 'user_version_rebased');
      expect(entry?.details).toMatchObject({ unconnected: STOP });

      // Kept as the customer's (removed), nothing comes back and nothing is said.
      const again = await customisedAcme(engine);
      const p2 = await engine.call('userVersions.rebasePreview', { id: again.userVersionId });
      const kept = await engine.call('userVersions.rebaseApply', { id: again.userVersionId, targetVersionId: p2.targetVersionId, baseRev: (await engine.call('userVersions.get', { id: again.userVersionId })).rev, resolutions: { [p2.conflicts[0]?.id as string]: 'customer' } });
      expect(kept.unconnected).toBeUndefined();
    }, { demoSandbox: true });
  });
});
