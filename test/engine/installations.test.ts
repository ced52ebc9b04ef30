import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { scheduledJobs } from '../../engine/installations/scheduled-jobs';
import { withEngine } from '../../engine/testing/temp-engine';

// Story steps 3-6 on a real engine: release, install, user-specific version, diff, rebase.

function historicalFetch(url: string): WorkflowDocInput {
  return {
    name: 'Fetch Historical Orders',
    blocks: [
      { id: 'trigger', kind: 'trigger', config: { type: 'install' } },
      { id: 'hold', kind: 'stop', config: { reason: 'Agree the field mapping with the customer first' } },
      { id: 'send', kind: 'http_request', config: { method: 'POST', url, body: { source: 'netsuite' } } },
      { id: 'note', kind: 'log', config: { message: 'sent' } },
    ],
    edges: [
      { id: 'e1', from: 'trigger', to: 'hold', port: 'out' },
      { id: 'e2', from: 'hold', to: 'send', port: 'out' },
      { id: 'e3', from: 'send', to: 'note', port: 'out' },
    ],
  };
}

async function releasedIntegration(engine: Engine) {
  const integration = await engine.call('integrations.create', { name: 'NetSuite Order Sync' });
  const wf = await engine.call('integrations.addWorkflow', { id: integration.id, name: 'Fetch Historical Orders', doc: historicalFetch('http://127.0.0.1:9/orders') });
  const v1 = await engine.call('integrations.release', { id: integration.id, notes: 'first release' });
  return { integration, wf, v1 };
}

async function installFor(engine: Engine, integrationId: string, customerName: string) {
  const inst = await engine.call('installations.create', { integrationId, customerName });
  return engine.call('installations.install', { id: inst.id, wait: true });
}

describe('installations and user-specific versions', () => {
  it('install fires the on-install trigger and the run stops at the Stop block', async () => {
    await withEngine(async (engine) => {
      const { integration } = await releasedIntegration(engine);
      const { installation, runs } = await installFor(engine, integration.id, 'Acme Corp');
      expect(installation).toMatchObject({ status: 'installed', version: 1, customised: false });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'stopped', stopReason: 'Agree the field mapping with the customer first' });
      const detail = await engine.call('installations.get', { id: installation.id });
      expect(detail.workflows[0]?.lastRun).toMatchObject({ status: 'stopped' });
    });
  });

  it('released versions never change: drafts, user-specific versions and rebases leave them as released', async () => {
    await withEngine(async (engine) => {
      const { integration, wf, v1 } = await releasedIntegration(engine);
      const versionId = v1.versions[0]?.id as string;
      const frozen = await engine.call('versions.get', { id: versionId });
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, notes: 'edited after release' } });
      const { installation } = await installFor(engine, integration.id, 'Acme');
      const userVersion = await engine.call('userVersions.create', { installationId: installation.id, workflowId: wf.id });
      await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: { ...userVersion.doc, blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold') } });
      expect(await engine.call('versions.get', { id: versionId })).toEqual(frozen);
      await expect(engine.context.database.updateTable('released_versions').set({ doc: '{}' }).where('id', '=', versionId).execute()).rejects.toThrow(/released_immutable/);
      await expect(engine.context.database.deleteFrom('releases').execute()).rejects.toThrow(/released_immutable/);
    });
  });

  it('only the customised installation runs its user-specific version', async () => {
    await withEngine(async (engine) => {
      const { integration, wf } = await releasedIntegration(engine);
      const acme = (await installFor(engine, integration.id, 'Acme')).installation;
      const globex = (await installFor(engine, integration.id, 'Globex')).installation;
      const userVersion = await engine.call('userVersions.create', { installationId: acme.id, workflowId: wf.id });
      const doc = {
        ...userVersion.doc,
        blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold' && b.id !== 'send').concat([{ id: 'custom', kind: 'log', name: 'Acme only', config: { message: 'acme mapping' }, position: { x: 0, y: 0 } }]),
        edges: [{ id: 'c1', from: 'trigger', to: 'custom', port: 'out' as const }],
      };
      await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });
      const acmeRun = await engine.call('installations.runWorkflow', { id: acme.id, workflowId: wf.id, wait: true });
      const globexRun = await engine.call('installations.runWorkflow', { id: globex.id, workflowId: wf.id, wait: true });
      expect(acmeRun.status).toBe('succeeded');
      expect((await engine.call('runs.steps', { runId: acmeRun.id })).map((s) => s.blockId)).toEqual(['trigger', 'custom']);
      expect(globexRun).toMatchObject({ status: 'stopped' });
      expect((await engine.call('installations.get', { id: acme.id })).customised).toBe(true);
      expect((await engine.call('installations.get', { id: globex.id })).customised).toBe(false);
    });
  });

  it('diffs a user-specific version against its ancestor and rebases it onto a new release, keeping both sides', async () => {
    await withEngine(async (engine) => {
      const { integration, wf } = await releasedIntegration(engine);
      const { installation } = await installFor(engine, integration.id, 'Acme');
      const userVersion = await engine.call('userVersions.create', { installationId: installation.id, workflowId: wf.id });
      // The customer's changes: remove the Stop block, change the API call's body.
      const mine = {
        ...userVersion.doc,
        blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold').map((b) => (b.id === 'send' ? { ...b, config: { ...b.config, body: { source: 'netsuite', customer: 'acme' } } } : b)),
        edges: [{ id: 'm1', from: 'trigger', to: 'send', port: 'out' as const }, { id: 'e3', from: 'send', to: 'note', port: 'out' as const }],
      };
      const saved = await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: mine });
      const diff = await engine.call('userVersions.diff', { id: userVersion.id });
      expect(diff.blocks.removed.map((b) => b.id)).toEqual(['hold']);
      expect(diff.blocks.changed.find((b) => b.id === 'send')?.config.map((c) => c.field)).toContain('config.body.customer');

      // The vendor's v2 changes another block.
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'note' ? { ...b, config: { message: 'sent by v2' } } : b)) } });
      const v2 = await engine.call('integrations.release', { id: integration.id, notes: 'better log' });
      expect((await engine.call('installations.get', { id: installation.id })).workflows[0]?.updateAvailable).toBe(true);

      const preview = await engine.call('userVersions.rebasePreview', { id: userVersion.id });
      expect(preview.conflicts).toEqual([]);
      expect((await engine.call('userVersions.get', { id: userVersion.id })).ancestorVersion).toBe(1); // nothing written yet
      const rebased = await engine.call('userVersions.rebaseApply', { id: userVersion.id, targetVersionId: preview.targetVersionId, baseRev: saved.rev, resolutions: {} });
      expect(rebased.ancestorVersion).toBe(v2.version);
      const blocks = new Map(rebased.doc.blocks.map((b) => [b.id, b]));
      expect(blocks.has('hold')).toBe(false);
      expect(blocks.get('send')?.config.body).toEqual({ source: 'netsuite', customer: 'acme' });
      expect(blocks.get('note')?.config.message).toBe('sent by v2');
      const activity = await engine.call('installations.activity', { id: installation.id });
      expect(activity.map((a) => a.action)).toEqual(expect.arrayContaining(['installed', 'user_version_created', 'user_version_saved', 'user_version_rebased']));
    });
  });

  it('refuses a stale user-specific version save, a rebase onto an older release and installing without a release', async () => {
    await withEngine(async (engine) => {
      const { integration, wf, v1 } = await releasedIntegration(engine);
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, notes: 'v2' } });
      const v2 = await engine.call('integrations.release', { id: integration.id });
      const { installation } = await installFor(engine, integration.id, 'Acme');
      const userVersion = await engine.call('userVersions.create', { installationId: installation.id, workflowId: wf.id });
      await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: { ...userVersion.doc, notes: 'mine' } });
      await expect(engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: userVersion.doc })).rejects.toMatchObject({ code: 'rev_conflict' });
      expect(v2.version).toBe(2);
      await expect(engine.call('userVersions.rebasePreview', { id: userVersion.id, releaseId: v1.id })).rejects.toMatchObject({ code: 'rebase_backwards' });
      const other = await engine.call('integrations.create', { name: 'Empty' });
      const inst = await engine.call('installations.create', { integrationId: other.id, customerName: 'X' });
      await expect(engine.call('installations.install', { id: inst.id })).rejects.toMatchObject({ code: 'no_release' });
    });
  });

  it('refuses to install with a required connection missing, naming it', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.create', { name: 'Needs NetSuite', requiredConnections: [{ key: 'netsuite', kind: 'netsuite', label: 'Customer NetSuite account' }] });
      await engine.call('integrations.addWorkflow', { id: integration.id, name: 'W' });
      await engine.call('integrations.release', { id: integration.id });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await expect(engine.call('installations.install', { id: inst.id })).rejects.toMatchObject({ code: 'connection_missing', message: expect.stringContaining('Customer NetSuite account') });
    });
  });

  it('updates all installations: clean user-specific versions merge, conflicting ones are reported untouched', async () => {
    await withEngine(async (engine) => {
      const { integration, wf } = await releasedIntegration(engine);
      const a = (await installFor(engine, integration.id, 'Clean Co')).installation;
      const b = (await installFor(engine, integration.id, 'Conflict Co')).installation;
      const plain = (await installFor(engine, integration.id, 'Plain Co')).installation;
      const fa = await engine.call('userVersions.create', { installationId: a.id, workflowId: wf.id });
      await engine.call('userVersions.save', { id: fa.id, baseRev: fa.rev, doc: { ...fa.doc, notes: 'clean change' } });
      const fb = await engine.call('userVersions.create', { installationId: b.id, workflowId: wf.id });
      await engine.call('userVersions.save', { id: fb.id, baseRev: fb.rev, doc: { ...fb.doc, blocks: fb.doc.blocks.map((x) => (x.id === 'note' ? { ...x, config: { message: 'mine' } } : x)) } });
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((x) => (x.id === 'note' ? { ...x, config: { message: 'base' } } : x)) } });
      await engine.call('integrations.release', { id: integration.id });
      const reports = await engine.call('installations.rebaseAll', { integrationId: integration.id });
      const byCustomer = new Map(reports.map((r) => [r.customerName, r]));
      expect(byCustomer.get('Clean Co')?.outcome).toBe('merged');
      expect(byCustomer.get('Conflict Co')).toMatchObject({ outcome: 'conflicts', conflicts: 1 });
      expect(byCustomer.get('Plain Co')).toMatchObject({ outcome: 'fast_forward', message: 'Now on v2; nothing was customised, so there was nothing to merge.' });
      expect((await engine.call('userVersions.get', { id: fb.id })).ancestorVersion).toBe(1);
      // The conflicting installation is not moved either: it stays whole on v1, as its own Upgrade would.
      expect((await engine.call('installations.get', { id: b.id })).version).toBe(1);
      expect((await engine.call('userVersions.get', { id: fa.id })).ancestorVersion).toBe(2);
      expect((await engine.call('installations.get', { id: a.id })).version).toBe(2);
      expect((await engine.call('installations.get', { id: plain.id })).version).toBe(2);
    });
  });

  it('updates all installations: a customised workflow the release did not change moves with nothing to merge, and says so', async () => {
    await withEngine(async (engine) => {
      const { integration, wf } = await releasedIntegration(engine);
      const same = (await installFor(engine, integration.id, 'Same Co')).installation;
      const custom = await engine.call('userVersions.create', { installationId: same.id, workflowId: wf.id });
      await engine.call('userVersions.save', { id: custom.id, baseRev: custom.rev, doc: { ...custom.doc, notes: 'customer note' } });
      // v2 adds a workflow and leaves this one as it was.
      await engine.call('integrations.addWorkflow', { id: integration.id, name: 'Other' });
      await engine.call('integrations.release', { id: integration.id });
      const reports = await engine.call('installations.rebaseAll', { integrationId: integration.id });
      expect(reports).toEqual([expect.objectContaining({
        customerName: 'Same Co', workflowId: wf.id, outcome: 'fast_forward',
        message: "Nothing to merge: v2 did not change it, so the customer's version moved to v2 as it was.",
      })]);
      const after = await engine.call('userVersions.get', { id: custom.id });
      expect([after.ancestorVersion, after.doc.notes]).toEqual([2, 'customer note']);
    });
  });

  it('schedules poll workflows of active installations only', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.create', { name: 'Poller' });
      const wf = await engine.call('integrations.addWorkflow', {
        id: integration.id,
        name: 'Listen for New and Updated Orders',
        doc: { name: 'Listen', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'schedule', intervalSeconds: 60 } }], edges: [] },
      });
      await engine.call('integrations.release', { id: integration.id });
      const { installation } = await installFor(engine, integration.id, 'Acme');
      // Configuring: nothing polls until someone activates the installation.
      expect(await scheduledJobs(engine.context.repos, engine.context.installations)).toEqual([]);
      await engine.call('installations.activate', { id: installation.id });
      const jobs = await scheduledJobs(engine.context.repos, engine.context.installations);
      expect(jobs.map((j) => [j.key, j.schedule.intervalSeconds])).toEqual([[`${installation.id}:${wf.id}`, 60]]);
      await jobs[0]?.run();
      expect((await engine.call('installations.runs', { id: installation.id }))[0]).toMatchObject({ status: 'succeeded', input: { event: 'schedule' } });
      await engine.call('installations.setEnabled', { id: installation.id, enabled: false });
      expect(await scheduledJobs(engine.context.repos, engine.context.installations)).toEqual([]);
    });
  });

  it('warns before a rebase when a kept customisation refers to a block the new base removed', async () => {
    await withEngine(async (engine) => {
      const { integration, wf } = await releasedIntegration(engine);
      const { installation } = await installFor(engine, integration.id, 'Acme');
      const userVersion = await engine.call('userVersions.create', { installationId: installation.id, workflowId: wf.id });
      await engine.call('userVersions.save', {
        id: userVersion.id, baseRev: userVersion.rev,
        doc: {
          ...userVersion.doc,
          blocks: [...userVersion.doc.blocks, { id: 'audit', kind: 'log', name: 'Audit', config: { message: 'sent {{ steps.send.output.status }}' }, position: { x: 0, y: 0 } }],
          edges: [...userVersion.doc.edges, { id: 'a1', from: 'note', to: 'audit', port: 'out' as const }],
        },
      });
      const draft = await engine.call('workflows.get', { id: wf.id });
      await engine.call('workflows.save', {
        id: wf.id, baseRev: draft.rev,
        doc: { ...draft.doc, blocks: draft.doc.blocks.filter((b) => b.id !== 'send'), edges: [{ id: 'e1', from: 'trigger', to: 'hold', port: 'out' }, { id: 'h2', from: 'hold', to: 'note', port: 'out' }] },
      });
      await engine.call('integrations.release', { id: integration.id });
      const preview = await engine.call('userVersions.rebasePreview', { id: userVersion.id });
      expect(preview.conflicts).toEqual([]);
      expect(preview.issues).toContainEqual(expect.objectContaining({ blockId: 'audit', code: 'unknown_reference' }));
    });
  });
});
