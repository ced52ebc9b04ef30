import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { changeOrdersInNetSuite } from '../../engine/testing/netsuite-changes';
import { withEngine } from '../../engine/testing/temp-engine';
import { ORDER_SYNC_MAPPING } from '../../engine/templates/order-sync-mapping';

// Issue 10, item 3: the Order Sync workflows share one named mapping; a customer's version of it
// belongs to the installation and drives every workflow that names it. Real SQLite, real HTTP to
// the Demo sandbox (NetSuite simulator and the sample Your App API) on loopback.

async function setUp(engine: Engine, customerName = 'Acme Corp') {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const install = async (name: string) => {
    const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: name });
    await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
    await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
    const installed = await engine.call('installations.install', { id: inst.id, wait: true });
    return { id: inst.id, byName: new Map(installed.installation.workflows.map((w) => [w.name, w.workflowId])) };
  };
  const acme = await install(customerName);
  return { integration, acme, install };
}

/** The analyst's user-specific version of the backfill: the Stop block removed. */
async function removeStop(engine: Engine, installationId: string, workflowId: string) {
  const userVersion = await engine.call('userVersions.create', { installationId, workflowId });
  const doc = {
    ...userVersion.doc,
    blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
    edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
  };
  await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });
}

/**
 * What a run's Map Fields steps mapped (one step per fetched page); a live run journals a long
 * list as its count and a few samples.
 */
async function mappedRecords(engine: Engine, runId: string): Promise<{ count: number; sample: Record<string, unknown>[] }> {
  const steps = (await engine.call('runs.steps', { runId })).filter((s) => s.blockId === 'map_orders');
  let count = 0;
  const sample: Record<string, unknown>[] = [];
  for (const step of steps) {
    const records = (step.output as { records: Record<string, unknown>[] | { count: number; sample: Record<string, unknown>[] } }).records;
    const list = Array.isArray(records) ? records : records.sample;
    count += Array.isArray(records) ? records.length : records.count;
    sample.push(...list);
  }
  return { count, sample };
}

describe('shared mappings', () => {
  it('one customer mapping drives both the backfill and the listener; other customers keep the released one', async () => {
    await withEngine(
      async (engine) => {
        const demo = engine.context.demo;
        if (!demo) throw new Error('demo sandbox not started');
        const { integration, acme, install } = await setUp(engine);
        const globex = await install('Globex');
        const historical = acme.byName.get('Fetch Historical Orders') as string;
        const listener = acme.byName.get('Listen for New and Updated Orders') as string;

        // The template's three workflows share one mapping; two of them map orders with it.
        const mappings = await engine.call('mappings.list', { integrationId: integration.id });
        expect(mappings.map((m) => m.name)).toEqual([ORDER_SYNC_MAPPING]);
        const views = await engine.call('installationMappings.list', { installationId: acme.id });
        expect(views[0]?.usedBy.map((u) => u.name).sort()).toEqual(['Fetch Historical Orders', 'Listen for New and Updated Orders']);

        // "Customise mapping" once, for Acme: a constant code and the vendor email in capitals.
        const custom = await engine.call('installationMappings.create', { installationId: acme.id, mappingId: mappings[0]?.id as string });
        const rules = custom.doc.rules.map((r) => (r.id === 'vendor_email' ? { ...r, transforms: [{ name: 'upper', args: [] }] } : r));
        await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: [...rules, { id: 'acme_code_1', target: 'customer_code', constant: 'ACME', transforms: [] }] });
        await removeStop(engine, acme.id, historical);

        const backfill = await engine.call('installations.runWorkflow', { id: acme.id, workflowId: historical, wait: true });
        expect(backfill.status).toBe('succeeded');
        const received = demo.yourApp.orders();
        expect(received.length).toBeGreaterThan(100);
        expect(received.every((o) => o.body.customer_code === 'ACME')).toBe(true);

        // Orders changed after the backfill reach the listener: it must not overwrite Acme's values.
        await changeOrdersInNetSuite(engine, ['1001', '1002', '1003']);
        const poll = await engine.call('installations.runWorkflow', { id: acme.id, workflowId: listener, wait: true });
        expect(poll.status).toBe('succeeded');
        const polled = await mappedRecords(engine, poll.id);
        expect(polled.count).toBe(3);
        expect(demo.yourApp.stats().ordersUpdated).toBe(3);
        expect(polled.sample.every((r) => r.customer_code === 'ACME')).toBe(true);
        const after = demo.yourApp.orders();
        expect(after.every((o) => o.body.customer_code === 'ACME')).toBe(true);
        const withEmail = after.find((o) => typeof (o.body.vendor as { email?: unknown } | undefined)?.email === 'string');
        const email = (withEmail?.body.vendor as { email: string }).email;
        expect(email).toBe(email.toUpperCase());

        // Globex runs the released mapping: no customer code.
        const other = await engine.call('installations.runWorkflow', { id: globex.id, workflowId: listener, mode: 'test', testLimit: 2, wait: true });
        const otherRecords = await mappedRecords(engine, other.id);
        expect(otherRecords.count).toBe(2);
        expect(otherRecords.sample.every((r) => !('customer_code' in r))).toBe(true);

        // Editing the base draft changes neither installation until a release and a rebase.
        const draft = mappings[0];
        if (!draft) throw new Error('no draft mapping');
        await engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: draft.doc.rules.filter((r) => r.id !== 'first_name') });
        const again = await engine.call('installations.runWorkflow', { id: globex.id, workflowId: listener, mode: 'test', testLimit: 1, wait: true });
        expect((await mappedRecords(engine, again.id)).sample[0]).toHaveProperty('first_name');
      },
      { demoSandbox: true },
    );
  });

  it('rebases a customer mapping rule by rule onto a new release; the same field changed on both sides is a conflict', async () => {
    await withEngine(
      async (engine) => {
        const { integration, acme, install } = await setUp(engine);
        const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
        if (!draft) throw new Error('no draft mapping');
        const custom = await engine.call('installationMappings.create', { installationId: acme.id, mappingId: draft.id });
        // Globex customises a rule base leaves alone: its rebase will be clean.
        const globex = await install('Globex');
        const globexCustom = await engine.call('installationMappings.create', { installationId: globex.id, mappingId: draft.id });
        await engine.call('installationMappings.save', {
          id: globexCustom.id, baseRev: globexCustom.rev,
          rules: globexCustom.doc.rules.map((r) => (r.id === 'custom_field_2' ? { ...r, default: 'Standard' } : r)),
        });

        // Customer: vendor email lower-cased (will conflict), custom_field_1 re-sourced, a rule added.
        await engine.call('installationMappings.save', {
          id: custom.id,
          baseRev: custom.rev,
          rules: [
            ...custom.doc.rules.map((r) =>
              r.id === 'vendor_email' ? { ...r, transforms: [{ name: 'lower', args: [] }] } : r.id === 'custom_field_1' ? { ...r, source: 'custbody_assigned_procurement_rep.id' } : r,
            ),
            { id: 'customer_rule_a1', target: 'customer_code', constant: 'ACME', transforms: [] },
          ],
        });
        // Base v2: vendor email trimmed (conflict), a new rule of its own, last_name's note changed.
        await engine.call('mappings.save', {
          id: draft.id,
          baseRev: draft.rev,
          rules: [
            ...draft.doc.rules.map((r) => (r.id === 'vendor_email' ? { ...r, transforms: [{ name: 'trim', args: [] }] } : r.id === 'last_name' ? { ...r, note: 'Surname' } : r)),
            { id: 'base_rule_b2', target: 'currency', source: 'currency.refName', transforms: [] },
          ],
        });
        const v2 = await engine.call('integrations.release', { id: integration.id, notes: 'v2' });

        // "Update all installations": Globex's mapping merges, Acme's waits for a decision.
        const reports = (await engine.call('installations.rebaseAll', { integrationId: integration.id, releaseId: v2.id })).filter((r) => r.mappingName);
        expect(reports.map((r) => [r.customerName, r.outcome]).sort()).toEqual([['Acme Corp', 'conflicts'], ['Globex', 'merged']]);
        const globexAfter = await engine.call('installationMappings.get', { id: globexCustom.id });
        expect(globexAfter.ancestorVersion).toBe(2);
        expect(globexAfter.doc.rules.find((r) => r.id === 'custom_field_2')?.default).toBe('Standard');
        expect(globexAfter.doc.rules.find((r) => r.id === 'vendor_email')?.transforms).toEqual([{ name: 'trim', args: [] }]);

        const [view] = await engine.call('installationMappings.list', { installationId: acme.id });
        expect(view).toMatchObject({ updateAvailable: true, custom: { ancestorVersion: 1 } });
        expect(view?.diff?.rules).toMatchObject({ added: [{ id: 'customer_rule_a1' }], changed: expect.arrayContaining([expect.objectContaining({ id: 'vendor_email' })]) });

        const preview = await engine.call('installationMappings.rebasePreview', { id: custom.id, releaseId: v2.id });
        expect(preview.targetVersion).toBe(2);
        expect(preview.conflicts).toHaveLength(1);
        const conflict = preview.conflicts[0];
        expect(conflict).toMatchObject({ ruleId: 'vendor_email', kind: 'both_changed', release: { value: [{ name: 'trim', args: [] }] }, customer: { value: [{ name: 'lower', args: [] }] } });
        // Both sides' new rules and non-conflicting edits survive.
        const ids = preview.merged.rules.map((r) => r.id);
        expect(ids).toEqual(expect.arrayContaining(['customer_rule_a1', 'base_rule_b2']));
        expect(preview.merged.rules.find((r) => r.id === 'custom_field_1')?.source).toBe('custbody_assigned_procurement_rep.id');
        expect(preview.merged.rules.find((r) => r.id === 'last_name')?.note).toBe('Surname');

        const current = await engine.call('installationMappings.get', { id: custom.id });
        await expect(engine.call('installationMappings.rebaseApply', { id: custom.id, targetId: preview.targetId, baseRev: current.rev })).rejects.toMatchObject({ code: 'unresolved_conflicts' });
        const rebased = await engine.call('installationMappings.rebaseApply', { id: custom.id, targetId: preview.targetId, baseRev: current.rev, resolutions: { [conflict?.id as string]: 'customer' } });
        expect(rebased.ancestorVersion).toBe(2);
        expect(rebased.doc.rules.find((r) => r.id === 'vendor_email')?.transforms).toEqual([{ name: 'lower', args: [] }]);
        expect(rebased.doc.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['customer_rule_a1', 'base_rule_b2']));
        const [afterView] = await engine.call('installationMappings.list', { installationId: acme.id });
        expect(afterView?.updateAvailable).toBe(false);
      },
      { demoSandbox: true },
    );
  });

  it('rules both sides added for one target are not merged silently: the preview says what to fix', async () => {
    await withEngine(
      async (engine) => {
        const { integration, acme } = await setUp(engine);
        const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
        if (!draft) throw new Error('no draft mapping');
        const custom = await engine.call('installationMappings.create', { installationId: acme.id, mappingId: draft.id });
        await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: [...custom.doc.rules, { id: 'currency_c1', target: 'currency', constant: 'USD', transforms: [] }] });
        await engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: [...draft.doc.rules, { id: 'currency_b1', target: 'currency', source: 'currency.refName', transforms: [] }] });
        await engine.call('integrations.release', { id: integration.id, notes: 'v2' });
        const preview = await engine.call('installationMappings.rebasePreview', { id: custom.id });
        expect(preview.conflicts).toEqual([]);
        expect(preview.issues.map((i) => i.code)).toContain('mapping_target_conflict');
        const [report] = (await engine.call('installations.rebaseAll', { integrationId: integration.id })).filter((r) => r.mappingName);
        expect(report).toMatchObject({ outcome: 'conflicts', customerName: 'Acme Corp' });
        expect((await engine.call('installationMappings.get', { id: custom.id })).ancestorVersion).toBe(1);
      },
      { demoSandbox: true },
    );
  });

  it("a bundle carries the shared mapping, its released versions and a customer's version; the imported workflows still find them", async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
      const exported = await engine.call('bundles.export', { integrationIds: [integration.id] });
      // As a copy: the same data folder already holds the originals (an import keeps ids).
      const imported = await engine.call('bundles.import', { base64: exported.base64, asCopy: true });
      const copy = imported.integrations[0];
      if (!copy) throw new Error('nothing imported');
      const [mapping] = await engine.call('mappings.list', { integrationId: copy.id });
      expect(mapping).toMatchObject({ name: ORDER_SYNC_MAPPING, doc: { rules: expect.arrayContaining([expect.objectContaining({ id: 'vendor_email' })]) } });
      const listener = (await engine.call('integrations.get', { id: copy.id })).workflows.find((w) => w.name === 'Listen for New and Updated Orders');
      const wf = await engine.call('workflows.get', { id: listener?.id as string });
      expect((await engine.call('workflows.validate', { doc: wf.doc, workflowId: wf.id })).issues.filter((i) => i.code === 'mapping_not_found')).toEqual([]);
      // An installation of the imported release maps with the released mapping.
      const inst = await engine.call('installations.create', { integrationId: copy.id, customerName: 'Initech' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
      await engine.call('installations.install', { id: inst.id, wait: true });
      const [view] = await engine.call('installationMappings.list', { installationId: inst.id });
      expect(view).toMatchObject({ name: ORDER_SYNC_MAPPING, version: 1, ruleCount: mapping?.doc.rules.length });

      // A customer's user-specific versions travel together: the user-specific version keeps naming the shared
      // mapping, and the customer's version of that mapping comes along with its ancestor.
      const custom = await engine.call('installationMappings.create', { installationId: inst.id, mappingId: view?.mappingId as string });
      await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: [...custom.doc.rules, { id: 'code_1', target: 'customer_code', constant: 'INITECH', transforms: [] }] });
      const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId: listener?.id as string });
      const moved = await engine.call('bundles.import', { base64: (await engine.call('bundles.export', { userVersionIds: [userVersion.id] })).base64, asCopy: true });
      const movedInstallation = moved.items.find((i) => i.kind === 'installation')?.id as string;
      const [movedView] = await engine.call('installationMappings.list', { installationId: movedInstallation });
      expect(movedView).toMatchObject({ name: ORDER_SYNC_MAPPING, custom: { ruleCount: (mapping?.doc.rules.length ?? 0) + 1 } });
      const movedMapping = await engine.call('installationMappings.get', { id: movedView?.custom?.id as string });
      expect(movedMapping.doc.rules).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'customer_code', constant: 'INITECH' })]));
      const movedUserVersion = await engine.call('userVersions.get', { id: moved.items.find((i) => i.kind === 'custom')?.id as string });
      expect(movedUserVersion.doc.blocks.find((b) => b.id === 'map_orders')?.config.mapping).toBe(ORDER_SYNC_MAPPING);
    }, { demoSandbox: true });
  });

  it('refuses a mapping whose rules share an id, so rebases can always tell rules apart', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!draft) throw new Error('no draft mapping');
      expect(new Set(draft.doc.rules.map((r) => r.id)).size).toBe(draft.doc.rules.length);
      const twin = { id: 'vendor_email', target: 'vendor.phone', source: 'phone', transforms: [] };
      await expect(engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: [...draft.doc.rules, twin] })).rejects.toMatchObject({ code: 'bad_request' });
      expect((await engine.call('mappings.get', { id: draft.id })).rev).toBe(draft.rev);
      // A stale save is refused too, so two editors never overwrite each other's rules.
      await engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: draft.doc.rules.slice(1) });
      await expect(engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: draft.doc.rules })).rejects.toMatchObject({ code: 'rev_conflict' });
      await expect(engine.call('mappings.create', { integrationId: integration.id, name: ORDER_SYNC_MAPPING })).rejects.toMatchObject({ code: 'mapping_exists' });
    });
  });

  it('a Map Fields block naming a mapping that does not exist is a validation error on the block, before any run', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      const wf = await engine.call('workflows.get', { id: integration.workflows[1]?.id as string });
      const doc = { ...wf.doc, blocks: wf.doc.blocks.map((b) => (b.id === 'map_orders' ? { ...b, config: { ...b.config, mapping: 'Purchase orders (old)' } } : b)) };
      const checked = await engine.call('workflows.validate', { doc, workflowId: wf.id });
      expect(checked.ok).toBe(false);
      const issue = checked.issues.find((i) => i.code === 'mapping_not_found');
      expect(issue).toMatchObject({ blockId: 'map_orders', severity: 'error' });
      expect(issue?.message).toContain(`"${ORDER_SYNC_MAPPING}"`);
      // The template's own reference is fine.
      expect((await engine.call('workflows.validate', { doc: wf.doc, workflowId: wf.id })).issues.filter((i) => i.code === 'mapping_not_found')).toEqual([]);
      // A broken rule in the shared mapping shows on the block that names it.
      const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!draft) throw new Error('no draft mapping');
      await engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: [...draft.doc.rules, { id: 'bad_1', target: 'x', source: 'item.items[*', transforms: [] }] });
      const broken = await engine.call('workflows.validate', { doc: wf.doc, workflowId: wf.id });
      expect(broken.issues).toEqual(expect.arrayContaining([expect.objectContaining({ blockId: 'map_orders', code: 'invalid_config', message: expect.stringContaining('bad_1') })]));

      await engine.call('workflows.save', { id: wf.id, baseRev: wf.rev, doc });
      await expect(engine.call('runs.start', { workflowId: wf.id, wait: true })).rejects.toMatchObject({
        code: 'invalid_workflow',
        details: { issues: [expect.objectContaining({ code: 'mapping_not_found', blockId: 'map_orders' })] },
      });
      expect(await engine.call('runs.list', { workflowId: wf.id })).toEqual([]);
    });
  });
});
