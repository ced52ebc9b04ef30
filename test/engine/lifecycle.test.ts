import { describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { scheduledJobs } from '../../engine/installations/scheduled-jobs';
import { changeOrdersInNetSuite } from '../../engine/testing/netsuite-changes';
import { withEngine } from '../../engine/testing/temp-engine';

// Issue 10 items 1 and 2 on the Demo sandbox: an installation is configuring (nothing polls) until
// activated, activation says what starts and refuses what is broken, and upgrading never replays
// the backfill.

async function orderSyncFor(engine: Engine, customerName: string) {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  const installed = await engine.call('installations.install', { id: inst.id, wait: true });
  const byName = new Map(installed.installation.workflows.map((w) => [w.name, w.workflowId]));
  const wf = (name: string) => byName.get(name) as string;
  return { integration, installed, id: inst.id, wf };
}

const jobsOf = async (engine: Engine) => (await scheduledJobs(engine.context.repos, engine.context.installations)).map((j) => j.key);

/** The state an earlier "Update all installations" could leave: the pin on the latest release while
 * the customer's versions stay behind it (it moved pins past conflicts). */
async function pinLatest(engine: Engine, integrationId: string, installationId: string): Promise<void> {
  const latest = await engine.context.repos.integrations.latestRelease(integrationId);
  if (!latest) throw new Error('no release');
  await engine.context.repos.installations.update(installationId, { releaseId: latest.id });
}

async function removeStopBlock(engine: Engine, installationId: string, workflowId: string) {
  const userVersion = await engine.call('userVersions.create', { installationId, workflowId });
  const doc = {
    ...userVersion.doc,
    blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
    edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
  };
  return engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });
}

describe('installation lifecycle', () => {
  it('is configuring after install: nothing is scheduled until activation, which says what starts', async () => {
    await withEngine(async (engine) => {
      const { installed, id, wf } = await orderSyncFor(engine, 'Acme');
      expect(installed.installation).toMatchObject({ status: 'installed', lifecycle: 'configuring', enabled: false });
      expect(installed.runs.map((r) => r.status)).toEqual(['stopped']);
      expect(await jobsOf(engine)).toEqual([]);

      const preview = await engine.call('installations.activationPreview', { id });
      expect(preview).toMatchObject({ lifecycle: 'configuring', ready: false });
      expect(preview.problems).toEqual([{
        kind: 'held_backfill', workflowId: wf('Fetch Historical Orders'),
        message: '"Fetch Historical Orders" is still held by its Stop block "Wait for the mapping": agree the mapping with the customer, remove "Wait for the mapping" in the customer\'s version of "Fetch Historical Orders", then activate.',
      }]);
      expect(preview.schedules).toEqual([
        { workflowId: wf('Listen for New and Updated Orders'), name: 'Listen for New and Updated Orders', every: 'every 5 minutes' },
        { workflowId: wf('Write Back Tracking Number'), name: 'Write Back Tracking Number', every: 'every 5 minutes' },
      ]);
      expect(preview.backfills).toEqual([{ workflowId: wf('Fetch Historical Orders'), name: 'Fetch Historical Orders', heldBy: 'Wait for the mapping' }]);

      // Activated while held, the listener would never be seeded and its first poll would send
      // every historical order through the base mapping: refused, nothing starts.
      await expect(engine.call('installations.activate', { id })).rejects.toMatchObject({ code: 'activation_refused', message: expect.stringContaining('still held by its Stop block "Wait for the mapping"') });
      expect((await engine.call('installations.get', { id })).lifecycle).toBe('configuring');
      expect(await jobsOf(engine)).toEqual([]);

      // The customer's version without the Stop block: activation runs the backfill with it.
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      expect(await engine.call('installations.activationPreview', { id })).toMatchObject({ ready: true, problems: [] });
      const activated = await engine.call('installations.activate', { id, wait: true });
      expect(activated.installation.lifecycle).toBe('active');
      expect(activated.runs.map((r) => [r.workflowName, r.status])).toEqual([['Fetch Historical Orders', 'succeeded']]);
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBeGreaterThan(100);
      expect(await jobsOf(engine)).toHaveLength(2);

      const paused = await engine.call('installations.pause', { id });
      expect(paused.lifecycle).toBe('paused');
      expect(await jobsOf(engine)).toEqual([]);
      // A finished backfill is not run again when the installation is reactivated.
      const again = await engine.call('installations.activate', { id, wait: true });
      expect(again.runs).toEqual([]);
      expect(again.installation.lifecycle).toBe('active');
    }, { demoSandbox: true });
  });

  it('refuses activation while a connection fails its test, naming it and what to do', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      const broken = await engine.call('connections.save', { name: 'Acme app (old)', kind: 'your_app', values: { baseUrl: 'http://127.0.0.1:9', apiKey: 'not-a-real-key-123456' } });
      await engine.call('installations.setConnection', { id, key: 'your_app', connectionId: broken.id });
      const preview = await engine.call('installations.activationPreview', { id });
      expect(preview.ready).toBe(false);
      expect(preview.problems).toEqual([expect.objectContaining({ kind: 'connection', connectionKey: 'your_app', message: expect.stringMatching(/^"Your App API" failed its test .*Connections page/) })]);
      await expect(engine.call('installations.activate', { id })).rejects.toMatchObject({ code: 'activation_refused', message: expect.stringContaining('"Your App API" failed its test') });
      expect((await engine.call('installations.get', { id })).lifecycle).toBe('configuring');
      expect(await jobsOf(engine)).toEqual([]);
    }, { demoSandbox: true });
  });

  it('refuses activation when a workflow the customer would run has blocks nothing leads to', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      const historical = wf('Fetch Historical Orders');
      // The Stop block deleted on the canvas, with its edges: the trigger now leads nowhere.
      const userVersion = await engine.call('userVersions.create', { installationId: id, workflowId: historical });
      await engine.call('userVersions.save', {
        id: userVersion.id, baseRev: userVersion.rev,
        doc: { ...userVersion.doc, blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'), edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold') },
      });
      const preview = await engine.call('installations.activationPreview', { id });
      expect(preview.ready).toBe(false);
      expect(preview.backfills).toEqual([{ workflowId: historical, name: 'Fetch Historical Orders', heldBy: null }]);
      expect(preview.problems).toEqual([expect.objectContaining({
        kind: 'workflow', workflowId: historical,
        message: expect.stringMatching(/^In "Fetch Historical Orders", nothing leads to "[^"]+"(, "[^"]+")+ from the Trigger, so they would never run/),
      })]);
      await expect(engine.call('installations.activate', { id, wait: true })).rejects.toMatchObject({ code: 'activation_refused' });
      expect(await engine.call('installations.runs', { id })).toHaveLength(1); // only the held run of the install
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBe(0);
    }, { demoSandbox: true });
  });
});

/** The settled starts, the fulfilled one first (the test expects exactly one). */
function oneWinner<T>(settled: PromiseSettledResult<T>[]): PromiseSettledResult<T>[] {
  return [...settled].sort((a, b) => (a.status === b.status ? 0 : a.status === 'fulfilled' ? -1 : 1));
}

describe('one live run of a workflow at a time', () => {
  it('refuses a second live run of the backfill while the first goes on; test syncs still run', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      const historical = wf('Fetch Historical Orders');
      await removeStopBlock(engine, id, historical);
      const run = () => engine.call('installations.runWorkflow', { id, workflowId: historical, mode: 'live', wait: true });
      // Whichever start commits first runs (on PostgreSQL, not necessarily the first called).
      const [won, lost] = oneWinner(await Promise.allSettled([run(), run()]));
      expect(won).toMatchObject({ status: 'fulfilled', value: { status: 'succeeded' } });
      expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'run_in_progress', message: expect.stringMatching(/^"Fetch Historical Orders" is already running for Acme \(run [^,]+, started [^)]+\); wait for it to finish or cancel it/) } });
      // Every historical order reached Your App once: none was sent a second time as an update.
      const stats = engine.context.demo?.yourApp.stats();
      expect(stats?.ordersReceived).toBeGreaterThan(100);
      expect(stats).toMatchObject({ ordersCreated: stats?.ordersReceived, ordersUpdated: 0, duplicates: 0 });

      // A test sync writes nothing, so it runs beside a live run; a second live run still may not.
      const test = () => engine.call('installations.runWorkflow', { id, workflowId: historical, mode: 'test', wait: true, testLimit: 3 });
      const [live, sync, again] = await Promise.allSettled([run(), test(), run()]);
      expect(sync).toMatchObject({ status: 'fulfilled', value: { status: 'succeeded', mode: 'test' } });
      const [liveWon, liveLost] = oneWinner([live, again]);
      expect(liveWon).toMatchObject({ status: 'fulfilled', value: { status: 'succeeded' } });
      expect(liveLost).toMatchObject({ status: 'rejected', reason: { code: 'run_in_progress' } });
    }, { demoSandbox: true });
  });

  it('activation during a backfill someone started by hand activates and names that run instead of starting another', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      const historical = wf('Fetch Historical Orders');
      await removeStopBlock(engine, id, historical);
      const manual = await engine.call('installations.runWorkflow', { id, workflowId: historical, mode: 'live', wait: false });
      const activated = await engine.call('installations.activate', { id });
      expect(activated.installation.lifecycle).toBe('active');
      expect(activated.runs.map((r) => r.id)).toEqual([manual.id]);
      await engine.call('runs.cancel', { id: manual.id });
    }, { demoSandbox: true });
  });

  it('a poll due while a manual run of the listener goes on skips its turn instead of failing', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      const listen = wf('Listen for New and Updated Orders');
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      await engine.call('installations.activate', { id, wait: true });
      // NetSuite answers the manual run's first request slowly, so it is still going when the poll is due.
      engine.context.demo?.netsuite.injectFaults({ delayMs: 5000 });
      const manual = await engine.call('installations.runWorkflow', { id, workflowId: listen, mode: 'live', wait: false });
      const job = (await scheduledJobs(engine.context.repos, engine.context.installations)).find((j) => j.key.endsWith(listen));
      await expect(job?.run()).resolves.toBeNull();
      expect((await engine.call('installations.runs', { id })).filter((r) => r.workflowId === listen).map((r) => r.id)).toEqual([manual.id]);
      await engine.call('runs.cancel', { id: manual.id });
    }, { demoSandbox: true });
  });
});

describe('upgrades', () => {
  it('moves to v2 in one step: one workflow fast-forwards, the customer version stays, the backfill is not replayed', async () => {
    await withEngine(async (engine) => {
      const { integration, id, wf } = await orderSyncFor(engine, 'Acme');
      const historical = wf('Fetch Historical Orders');
      const listen = wf('Listen for New and Updated Orders');
      await removeStopBlock(engine, id, historical);
      await engine.call('installations.activate', { id, wait: true });
      const runsBefore = (await engine.call('installations.runs', { id })).length;

      // v2 changes only the listener's poll interval.
      const draft = await engine.call('workflows.get', { id: listen });
      await engine.call('workflows.save', { id: listen, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'trigger' ? { ...b, config: { type: 'schedule', intervalSeconds: 600 } } : b)) } });
      await engine.call('integrations.release', { id: integration.id, notes: 'poll every 10 minutes' });

      const before = await engine.call('installations.get', { id });
      expect(before.workflows.map((w) => [w.name, w.updateAvailable])).toEqual([
        ['Fetch Historical Orders', false], ['Listen for New and Updated Orders', true], ['Write Back Tracking Number', false],
      ]);
      const preview = await engine.call('installations.upgradePreview', { id });
      expect(preview).toMatchObject({ fromVersion: 1, toVersion: 2, blocked: false, willRun: [] });
      expect(preview.workflows.map((w) => [w.name, w.plan, w.customised])).toEqual([
        ['Fetch Historical Orders', 'unchanged', true], ['Listen for New and Updated Orders', 'fast_forward', false], ['Write Back Tracking Number', 'unchanged', false],
      ]);

      const upgraded = await engine.call('installations.upgrade', { id, wait: true });
      expect(upgraded.runs).toEqual([]);
      expect(upgraded.installation).toMatchObject({ version: 2, lifecycle: 'active' });
      expect(upgraded.installation.workflows.map((w) => [w.name, w.userVersion?.ancestorVersion ?? w.version, w.updateAvailable])).toEqual([
        ['Fetch Historical Orders', 2, false], ['Listen for New and Updated Orders', 2, false], ['Write Back Tracking Number', 2, false],
      ]);
      expect((await engine.call('installations.runs', { id })).length).toBe(runsBefore);
      const listenJob = (await scheduledJobs(engine.context.repos, engine.context.installations)).find((j) => j.key.endsWith(listen));
      expect(listenJob?.schedule.intervalSeconds).toBe(600);
    }, { demoSandbox: true });
  });

  it('"Install this release" on an installed installation is an upgrade: on-install triggers do not fire again', async () => {
    await withEngine(async (engine) => {
      const { integration, id } = await orderSyncFor(engine, 'Acme');
      await engine.call('integrations.release', { id: integration.id, notes: 'v2, nothing changed' });
      const again = await engine.call('installations.install', { id, wait: true });
      expect(again.runs).toEqual([]);
      expect(again.installation.version).toBe(2);
      expect((await engine.call('installations.runs', { id })).map((r) => r.workflowName)).toEqual(['Fetch Historical Orders']);
    }, { demoSandbox: true });
  });
});

describe('upgrades with conflicts and on-upgrade triggers', () => {
  async function smallIntegration(engine: Engine) {
    const integration = await engine.call('integrations.create', { name: 'Small' });
    const main = await engine.call('integrations.addWorkflow', {
      id: integration.id, name: 'Main',
      doc: { name: 'Main', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'install' } }, { id: 'note', kind: 'log', name: 'Note', config: { message: 'v1' } }], edges: [{ id: 'e', from: 'trigger', to: 'note', port: 'out' }] },
    });
    const migrate = await engine.call('integrations.addWorkflow', {
      id: integration.id, name: 'Migrate state',
      doc: { name: 'Migrate state', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'upgrade' } }], edges: [] },
    });
    await engine.call('integrations.release', { id: integration.id });
    const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
    await engine.call('installations.install', { id: inst.id, wait: true });
    return { integration, main, migrate, id: inst.id };
  }

  it('lists conflicts, refuses until they are decided, then rebases and runs only the on-upgrade workflow', async () => {
    await withEngine(async (engine) => {
      const { integration, main, migrate, id } = await smallIntegration(engine);
      const userVersion = await engine.call('userVersions.create', { installationId: id, workflowId: main.id });
      await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: { ...userVersion.doc, blocks: userVersion.doc.blocks.map((b) => (b.id === 'note' ? { ...b, config: { message: 'mine' } } : b)) } });
      const draft = await engine.call('workflows.get', { id: main.id });
      await engine.call('workflows.save', { id: main.id, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'note' ? { ...b, config: { message: 'base v2' } } : b)) } });
      await engine.call('integrations.release', { id: integration.id });

      const preview = await engine.call('installations.upgradePreview', { id });
      expect(preview.blocked).toBe(true);
      expect(preview.willRun).toEqual([{ workflowId: migrate.id, name: 'Migrate state' }]);
      expect(preview.workflows.map((w) => [w.name, w.plan, w.conflicts])).toEqual([['Main', 'rebase_conflicts', 1], ['Migrate state', 'unchanged', 0]]);
      await expect(engine.call('installations.upgrade', { id })).rejects.toMatchObject({ code: 'upgrade_conflicts', message: expect.stringContaining('"Main" has 1 conflict with v2') });
      expect((await engine.call('installations.get', { id })).version).toBe(1);

      // "Update all installations" takes the same path: it reports the conflict and moves nothing.
      const reports = await engine.call('installations.rebaseAll', { integrationId: integration.id });
      expect(reports).toEqual([expect.objectContaining({ customerName: 'Acme', workflowId: main.id, outcome: 'conflicts', conflicts: 1, message: expect.stringContaining('stays on v1') })]);
      expect((await engine.call('installations.get', { id })).version).toBe(1);
      expect((await engine.call('userVersions.get', { id: userVersion.id })).ancestorVersion).toBe(1);

      // A database where an earlier Patchbay's "update all" moved the pin past the conflict: activation refuses it.
      await pinLatest(engine, integration.id, id);
      const activation = await engine.call('installations.activationPreview', { id });
      expect(activation.problems).toEqual([expect.objectContaining({ kind: 'rebase', workflowId: main.id, message: expect.stringContaining('"Main" is still based on v1 while the installation is on v2') })]);
      await expect(engine.call('installations.activate', { id })).rejects.toMatchObject({ code: 'activation_refused' });

      // Deciding the conflict through the rebase clears it; the installation then activates.
      const rebase = await engine.call('userVersions.rebasePreview', { id: userVersion.id });
      const conflictId = rebase.conflicts[0]?.id as string;
      const current = await engine.call('userVersions.get', { id: userVersion.id });
      await engine.call('userVersions.rebaseApply', { id: userVersion.id, targetVersionId: rebase.targetVersionId, baseRev: current.rev, resolutions: { [conflictId]: 'customer' } });
      expect((await engine.call('installations.activationPreview', { id })).ready).toBe(true);
    });
  });

  it('applies decided conflicts in the upgrade itself and fires on-upgrade triggers once', async () => {
    await withEngine(async (engine) => {
      const { integration, main, id } = await smallIntegration(engine);
      const userVersion = await engine.call('userVersions.create', { installationId: id, workflowId: main.id });
      await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: { ...userVersion.doc, blocks: userVersion.doc.blocks.map((b) => (b.id === 'note' ? { ...b, config: { message: 'mine' } } : b)) } });
      const draft = await engine.call('workflows.get', { id: main.id });
      await engine.call('workflows.save', { id: main.id, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'note' ? { ...b, config: { message: 'base v2' } } : b)) } });
      await engine.call('integrations.release', { id: integration.id });
      const rebase = await engine.call('userVersions.rebasePreview', { id: userVersion.id });
      const upgraded = await engine.call('installations.upgrade', { id, wait: true, resolutions: { [main.id]: { [rebase.conflicts[0]?.id as string]: 'release' } } });
      expect(upgraded.workflows.find((w) => w.name === 'Main')).toMatchObject({ plan: 'rebase_conflicts', message: '1 conflict: decided.' });
      expect(upgraded.runs.map((r) => [r.workflowName, r.status, (r.input as { event: string }).event])).toEqual([['Migrate state', 'succeeded', 'upgrade']]);
      const after = await engine.call('userVersions.get', { id: userVersion.id });
      expect(after.ancestorVersion).toBe(2);
      expect(after.doc.blocks.find((b) => b.id === 'note')?.config).toEqual({ message: 'base v2' });
      // Main's on-install trigger did not fire again: one run of it, from the first install.
      expect((await engine.call('installations.runs', { id })).filter((r) => r.workflowName === 'Main')).toHaveLength(1);
    });
  });
});

describe('upgrades and the shared mapping', () => {
  it("rebases the customer's own mapping rule by rule in the same upgrade", async () => {
    await withEngine(async (engine) => {
      const { integration, id } = await orderSyncFor(engine, 'Acme');
      const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!draft) throw new Error('the template has no shared mapping');
      const custom = await engine.call('installationMappings.create', { installationId: id, mappingId: draft.id });
      await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: [...custom.doc.rules, { id: 'acme_code_1', target: 'customer_code', constant: 'ACME', transforms: [] }] });
      // v2 drops one base rule: a clean rule-by-rule merge with Acme's added rule.
      const fresh = await engine.call('mappings.get', { id: draft.id });
      const dropped = fresh.doc.rules[0]?.id as string;
      await engine.call('mappings.save', { id: draft.id, baseRev: fresh.rev, rules: fresh.doc.rules.filter((r) => r.id !== dropped) });
      await engine.call('integrations.release', { id: integration.id });

      const preview = await engine.call('installations.upgradePreview', { id });
      expect(preview.mappings).toEqual([expect.objectContaining({ name: draft.name, plan: 'rebase_clean', customised: true })]);
      expect(preview.workflows.every((w) => w.plan === 'unchanged')).toBe(true);
      const upgraded = await engine.call('installations.upgrade', { id, wait: true });
      expect(upgraded.installation.version).toBe(2);
      const after = await engine.call('installationMappings.get', { id: custom.id });
      expect(after.ancestorVersion).toBe(2);
      expect(after.doc.rules.map((r) => r.id)).toContain('acme_code_1');
      expect(after.doc.rules.map((r) => r.id)).not.toContain(dropped);
      expect(upgraded.runs).toEqual([]);
    }, { demoSandbox: true });
  });
});

describe('review findings', () => {
  it('never replays a finished backfill on re-activation, however many test syncs ran since', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      await engine.call('installations.activate', { id, wait: true });
      const delivered = engine.context.demo?.yourApp.stats().ordersReceived ?? 0;
      expect(delivered).toBeGreaterThan(100);
      // More test syncs than the 50 runs the old check looked back over.
      for (let i = 0; i < 55; i += 1) {
        await engine.call('installations.runWorkflow', { id, workflowId: wf('Fetch Historical Orders'), mode: 'test', testLimit: 1, wait: true });
      }
      await engine.call('installations.pause', { id });
      expect((await engine.call('installations.activationPreview', { id })).backfills).toEqual([]);
      const again = await engine.call('installations.activate', { id, wait: true });
      expect(again.runs).toEqual([]);
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBe(delivered);
    }, { demoSandbox: true });
  });

  it("keeps the run proving a customer's backfill finished however many runs other customers make, so re-activation does not replay it", async () => {
    await withEngine(async (engine) => {
      const { integration, id, wf } = await orderSyncFor(engine, 'Acme');
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      await engine.call('installations.activate', { id, wait: true });
      const delivered = engine.context.demo?.yourApp.stats().ordersReceived ?? 0;
      expect(delivered).toBe(250);

      // Globex installs the same release (same base workflow ids) and runs more test syncs than the limit.
      const globex = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Globex' });
      await engine.call('installations.setConnection', { id: globex.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: globex.id, key: 'your_app', connectionId: 'demo-your-app' });
      await engine.call('installations.install', { id: globex.id, wait: true });
      for (let i = 0; i < 4; i += 1) {
        await engine.call('installations.runWorkflow', { id: globex.id, workflowId: wf('Fetch Historical Orders'), mode: 'test', testLimit: 1, wait: true });
      }
      // Retention runs in the background after runs finish: wait until Globex's own runs are pruned to the limit.
      await vi.waitFor(async () => expect(await engine.call('installations.runs', { id: globex.id })).toHaveLength(3), { timeout: 30_000, interval: 200 });

      const acmeRuns = await engine.call('installations.runs', { id });
      expect(acmeRuns.map((r) => [r.workflowName, r.mode, r.status])).toContainEqual(['Fetch Historical Orders', 'live', 'succeeded']);
      await engine.call('installations.pause', { id });
      expect((await engine.call('installations.activationPreview', { id })).backfills).toEqual([]);
      const again = await engine.call('installations.activate', { id, wait: true });
      expect(again.runs).toEqual([]);
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBe(delivered);
    }, { demoSandbox: true, retention: { keepRunsPerWorkflow: 3 } });
  });

  it("installing a customer imported with their own version writes nothing live until activation", async () => {
    let base64 = '';
    let installationId = '';
    await withEngine(async (engine) => {
      const { integration, id, wf } = await orderSyncFor(engine, 'Acme');
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      base64 = (await engine.call('bundles.export', { integrationIds: [integration.id], installationIds: [id] })).base64;
      installationId = id;
    }, { demoSandbox: true });
    await withEngine(async (engine) => {
      await engine.call('bundles.import', { base64 });
      // It arrives with its release chosen, not installed: the preview says what is left to do.
      const waiting = await engine.call('installations.activationPreview', { id: installationId });
      expect(waiting.problems).toEqual([expect.objectContaining({ kind: 'not_installed', message: expect.stringContaining('v1 is chosen but not installed yet') })]);
      await engine.call('installations.setConnection', { id: installationId, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: installationId, key: 'your_app', connectionId: 'demo-your-app' });
      const installed = await engine.call('installations.install', { id: installationId, wait: true });
      expect(installed.installation.lifecycle).toBe('configuring');
      expect(installed.runs.filter((r) => r.workflowName === 'Fetch Historical Orders')).toEqual([]);
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBe(0);
      const preview = await engine.call('installations.activationPreview', { id: installationId });
      expect(preview.backfills.map((b) => b.name)).toEqual(['Fetch Historical Orders']);
      const activated = await engine.call('installations.activate', { id: installationId, wait: true });
      expect(activated.runs.map((r) => [r.workflowName, r.status])).toEqual([['Fetch Historical Orders', 'succeeded']]);
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBeGreaterThan(100);
    }, { demoSandbox: true });
  });

  it("refuses an upgrade whose clean mapping merge would leave two rules writing one target", async () => {
    await withEngine(async (engine) => {
      const { integration, id } = await orderSyncFor(engine, 'Acme');
      const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!draft) throw new Error('the template has no shared mapping');
      const custom = await engine.call('installationMappings.create', { installationId: id, mappingId: draft.id });
      await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: [...custom.doc.rules, { id: 'currency_c1', target: 'currency', constant: 'USD', transforms: [] }] });
      const fresh = await engine.call('mappings.get', { id: draft.id });
      await engine.call('mappings.save', { id: draft.id, baseRev: fresh.rev, rules: [...fresh.doc.rules, { id: 'currency_b1', target: 'currency', source: 'currency.refName', transforms: [] }] });
      await engine.call('integrations.release', { id: integration.id });

      const preview = await engine.call('installations.upgradePreview', { id });
      expect(preview.blocked).toBe(true);
      expect(preview.mappings).toEqual([expect.objectContaining({ plan: 'rebase_conflicts', message: expect.stringContaining('would not run') })]);
      await expect(engine.call('installations.upgrade', { id, wait: true })).rejects.toMatchObject({ code: 'upgrade_conflicts' });
      const kept = await engine.call('installationMappings.get', { id: custom.id });
      expect(kept.ancestorVersion).toBe(1);
      expect((await engine.call('installations.get', { id })).version).toBe(1);
    }, { demoSandbox: true });
  });
});

describe('activation and the shared mapping', () => {
  it("refuses activation while the customer's mapping waits for a rebase its rules conflict in", async () => {
    await withEngine(async (engine) => {
      const { integration, id } = await orderSyncFor(engine, 'Acme');
      const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!draft) throw new Error('the template has no shared mapping');
      const custom = await engine.call('installationMappings.create', { installationId: id, mappingId: draft.id });
      const rule = custom.doc.rules.find((r) => r.target === 'vendor.email');
      if (!rule) throw new Error('no vendor.email rule');
      const edit = (rules: typeof custom.doc.rules, note: string) => rules.map((r) => (r.id === rule.id ? { ...r, note } : r));
      await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: edit(custom.doc.rules, 'Acme: billing contact') });
      const fresh = await engine.call('mappings.get', { id: draft.id });
      await engine.call('mappings.save', { id: draft.id, baseRev: fresh.rev, rules: edit(fresh.doc.rules, 'base: purchasing contact') });
      await engine.call('integrations.release', { id: integration.id });

      await expect(engine.call('installations.upgrade', { id })).rejects.toMatchObject({ code: 'upgrade_conflicts', message: expect.stringContaining(`the mapping "${draft.name}" has 1 conflict with v2`) });
      // "Update all installations" reports the mapping's conflict and leaves the installation on v1.
      const reports = await engine.call('installations.rebaseAll', { integrationId: integration.id });
      expect(reports).toEqual([expect.objectContaining({ mappingName: draft.name, outcome: 'conflicts', conflicts: 1 })]);
      expect((await engine.call('installations.get', { id })).version).toBe(1);
      // A database where an earlier Patchbay's "update all" moved the pin past the conflict: activation refuses it.
      await pinLatest(engine, integration.id, id);
      const preview = await engine.call('installations.activationPreview', { id });
      // (The template's backfill is still held too; that is its own problem.)
      expect(preview.problems.filter((p) => p.kind !== 'held_backfill')).toEqual([expect.objectContaining({ kind: 'rebase', message: expect.stringContaining(`The customer's mapping "${draft.name}" is still based on v1`) })]);
      await expect(engine.call('installations.activate', { id })).rejects.toMatchObject({ code: 'activation_refused' });
    }, { demoSandbox: true });
  });
});

describe('the listener after the backfill', () => {
  it("picks up only the orders changed after the backfill started: Your App gets those two updates, not every order again", async () => {
    await withEngine(async (engine) => {
      const demo = engine.context.demo;
      if (!demo) throw new Error('demo sandbox not started');
      const { id, wf } = await orderSyncFor(engine, 'Acme');
      await removeStopBlock(engine, id, wf('Fetch Historical Orders'));
      const activated = await engine.call('installations.activate', { id, wait: true });
      expect(activated.runs.map((r) => r.status)).toEqual(['succeeded']);
      const backfilled = demo.yourApp.stats();
      expect(backfilled).toMatchObject({ ordersReceived: 250, ordersCreated: 250, ordersUpdated: 0 });

      // Two purchase orders change in NetSuite after the backfill (real PATCHes through the API).
      const changed = ['1001', '1137'];
      await changeOrdersInNetSuite(engine, changed);

      const listen = wf('Listen for New and Updated Orders');
      const poll = await engine.call('installations.runWorkflow', { id, workflowId: listen, wait: true });
      expect(poll.status).toBe('succeeded');
      expect(demo.yourApp.stats()).toMatchObject({ ordersReceived: 252, ordersCreated: 250, ordersUpdated: 2 });
      const account = demo.netsuite.account(demo.netsuite.accounts[0]?.accountId ?? '');
      const tranIds = changed.map((orderId) => account.orders.get(Number(orderId))?.tranId);
      const updated = demo.yourApp.orders().filter((o) => o.updatedAt !== o.receivedAt).map((o) => o.external_order_id);
      expect(updated.sort()).toEqual([...tranIds].sort());

      // The next poll has nothing new (the overlap window re-reads the two, de-duplicated).
      await engine.call('installations.runWorkflow', { id, workflowId: listen, wait: true });
      expect(demo.yourApp.stats().ordersReceived).toBe(252);
    }, { demoSandbox: true });
  });
});
