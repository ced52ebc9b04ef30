import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import type { RegressionReport } from '../../engine/api/methods/golden';
import { withEngine } from '../../engine/testing/temp-engine';

// Issue 16: golden records per installation, replayed through a new version with no network, so
// an upgrade shows what would change in *this* customer's output before it is applied. Real
// SQLite, real HTTP to the Demo sandbox (NetSuite simulator, sample Your App API) on loopback.

const BACKFILL = 'Fetch Historical Orders';

async function setUp(engine: Engine) {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const install = async (name: string) => {
    const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: name });
    await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
    await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
    const installed = await engine.call('installations.install', { id: inst.id, wait: true });
    const workflowId = installed.installation.workflows.find((w) => w.name === BACKFILL)?.workflowId as string;
    // The analyst's user-specific version: the Stop block removed.
    const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId });
    const doc = {
      ...userVersion.doc,
      blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
      edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
    };
    await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });
    return { id: inst.id, workflowId, userVersionId: userVersion.id };
  };
  return { integration, install };
}

/** A test sync of the backfill: the orders it fetched, by NetSuite number, with their shipping priority. */
async function testSync(engine: Engine, installationId: string, workflowId: string) {
  const run = await engine.call('installations.runWorkflow', { id: installationId, workflowId, mode: 'test', testLimit: 40, wait: true });
  expect(run.status).toBe('succeeded');
  const steps = await engine.call('runs.steps', { runId: run.id });
  const orders = (steps.find((s) => s.blockId === 'fetch_orders')?.output as { orders: { tranId: string; custbody_shipping_priority?: { refName?: string } }[] }).orders;
  return { run, orders };
}

const changedPaths = (report: RegressionReport) => report.sets.flatMap((s) => s.records.flatMap((r) => r.changes.map((c) => `${r.key} ${c.step} ${c.path}`)));

describe('per-customer regression with golden records', () => {
  it('a base mapping change shows as changed output for exactly the installations whose records it touches', async () => {
    await withEngine(
      async (engine) => {
        const { integration, install } = await setUp(engine);
        const acme = await install('Acme Corp');
        const globex = await install('Globex');

        // Acme keeps two Overnight orders; Globex two others.
        const acmeSync = await testSync(engine, acme.id, acme.workflowId);
        const overnight = acmeSync.orders.filter((o) => o.custbody_shipping_priority?.refName === 'Overnight').slice(0, 2).map((o) => o.tranId);
        const other = acmeSync.orders.filter((o) => ['Standard', 'Expedited'].includes(o.custbody_shipping_priority?.refName ?? '')).slice(0, 2).map((o) => o.tranId);
        expect(overnight).toHaveLength(2);
        expect(other).toHaveLength(2);
        const kept = await engine.call('golden.keep', { runId: acmeSync.run.id, name: 'Overnight orders', keys: overnight });
        expect(kept.recordKeys).toEqual(overnight);
        expect(kept.mappingNames).toEqual(['NetSuite purchase order → Your App order']);
        const globexSync = await testSync(engine, globex.id, globex.workflowId);
        await engine.call('golden.keep', { runId: globexSync.run.id, keys: other });
        expect((await engine.call('golden.list', { installationId: acme.id })).map((s) => s.name)).toEqual(['Overnight orders']);

        // The records hold what the customer's NetSuite returned and the would-be writes, never a secret.
        const stored = await engine.call('golden.get', { id: kept.id });
        const record = stored.body.records[0];
        expect(Object.keys(record?.inputs ?? {})).toEqual(['fetch_orders']);
        expect(Object.keys(record?.outputs ?? {}).sort()).toEqual(['deliver', 'map_orders', 'post_order[0]']);
        const write = record?.outputs['post_order[0]'] as { dryRun: boolean; request: { method: string; headers: Record<string, string>; body: { external_order_id: string; custom_field_2: string } } };
        expect(write.dryRun).toBe(true);
        expect(write.request.body.custom_field_2).toBe('Overnight');
        const apiKey = String((await engine.context.connections.resolve('demo-your-app')).values.apiKey);
        expect(apiKey.length).toBeGreaterThan(8);
        expect(JSON.stringify(stored)).not.toContain(apiKey);
        // The would-be write's key names what it sends, so a replay of the same record shows the same key.
        expect(write.request.headers['idempotency-key']).toMatch(/^post_order:[0-9a-f]{40}$/);

        // Nothing changed yet: both replay unchanged against what they run.
        expect((await engine.call('golden.regress', { installationId: acme.id, version: 'current' })).status).toBe('unchanged');

        // The base renames the Overnight priority in the shared mapping; v2.
        const [mapping] = await engine.call('mappings.list', { integrationId: integration.id });
        if (!mapping) throw new Error('no mapping');
        const table = { Overnight: 'Next day', Standard: 'Standard', Expedited: 'Expedited' };
        await engine.call('mappings.save', {
          id: mapping.id, baseRev: mapping.rev,
          rules: mapping.doc.rules.map((r) => (r.id === 'custom_field_2' ? { ...r, transforms: [{ name: 'lookup', args: [table] }] } : r)),
        });

        // Before releasing: the draft already tells (what `regress --version draft` gates in CI).
        const draft = await engine.call('golden.regress', { installationId: acme.id, version: 'draft' });
        expect(draft.status).toBe('changed');
        await engine.call('integrations.release', { id: integration.id, notes: 'v2' });

        const acmeReport = await engine.call('golden.regress', { installationId: acme.id });
        expect(acmeReport.version).toBe('release:2');
        expect(acmeReport.status).toBe('changed');
        expect(acmeReport.sets[0]?.records.map((r) => r.status)).toEqual(['changed', 'changed']);
        const change = acmeReport.sets[0]?.records[0]?.changes.find((c) => c.step === 'map_orders');
        expect(change).toMatchObject({ path: 'records[0].custom_field_2', before: 'Overnight', after: 'Next day' });
        expect(change?.text).toBe('map_orders › records[0].custom_field_2: "Overnight" → "Next day"');
        // The would-be write to Your App changes with it.
        expect(changedPaths(acmeReport)).toContain(`${overnight[0]} post_order[0] request.body.custom_field_2`);

        const globexReport = await engine.call('golden.regress', { installationId: globex.id });
        expect(globexReport.status).toBe('unchanged');
        expect(changedPaths(globexReport)).toEqual([]);

        // The one-installation Upgrade preview lists the same regression beside its per-workflow plan.
        const upgrade = await engine.call('installations.upgradePreview', { id: acme.id });
        expect(upgrade.regression?.status).toBe('changed');
        expect((await engine.call('installations.upgradePreview', { id: globex.id })).regression?.status).toBe('unchanged');

        // "Update all installations", previewed and applied only where the output is unchanged.
        const checks = await engine.call('golden.regressAll', { integrationId: integration.id });
        expect(Object.fromEntries(checks.map((c) => [c.customerName, c.outcome]))).toEqual({ 'Acme Corp': 'changed', Globex: 'unchanged' });
        const preview = await engine.call('userVersions.rebasePreview', { id: acme.userVersionId });
        expect(preview.regression?.status).toBe('changed');

        const reports = await engine.call('installations.rebaseAll', { integrationId: integration.id, onlyUnchanged: true });
        expect(reports.find((r) => r.customerName === 'Acme Corp')?.outcome).toBe('skipped');
        expect(reports.find((r) => r.customerName === 'Globex')?.outcome).toBe('fast_forward');
        expect((await engine.call('installations.get', { id: acme.id })).version).toBe(1);
        expect((await engine.call('installations.get', { id: globex.id })).version).toBe(2);
      },
      { demoSandbox: true },
    );
  });

  it('a canvas-only move shows no change, replay is deterministic and needs no network', async () => {
    await withEngine(
      async (engine) => {
        const { integration, install } = await setUp(engine);
        const acme = await install('Acme Corp');
        const sync = await testSync(engine, acme.id, acme.workflowId);
        await engine.call('golden.keep', { runId: sync.run.id, limit: 3 });

        const base = await engine.call('workflows.get', { id: acme.workflowId });
        const moved = { ...base.doc, blocks: base.doc.blocks.map((b) => ({ ...b, position: { x: b.position.x + 200, y: b.position.y + 90 } })) };
        await engine.call('workflows.save', { id: acme.workflowId, baseRev: base.rev, doc: moved });
        await engine.call('integrations.release', { id: integration.id, notes: 'tidied the canvas' });

        // The simulators are gone: a replay that reached for the network would fail.
        await engine.context.demo?.close();
        const first = await engine.call('golden.regress', { installationId: acme.id, version: 'release:2' });
        const second = await engine.call('golden.regress', { installationId: acme.id, version: 'release:2' });
        expect(first.status).toBe('unchanged');
        expect(first.sets[0]?.records).toHaveLength(3);
        expect(second).toEqual(first);
      },
      { demoSandbox: true },
    );
  });

  it('golden records that no longer fit the version are "cannot compare" with the reason, never a pass', async () => {
    await withEngine(
      async (engine) => {
        const { integration, install } = await setUp(engine);
        const acme = await install('Acme Corp');
        const sync = await testSync(engine, acme.id, acme.workflowId);
        const kept = await engine.call('golden.keep', { runId: sync.run.id, limit: 2 });

        // The analyst replaces the fetch block in the customer's version (a new block, a new id).
        const userVersion = await engine.call('userVersions.get', { id: acme.userVersionId });
        const rename = (id: string) => (id === 'fetch_orders' ? 'fetch_po' : id);
        await engine.call('userVersions.save', {
          id: userVersion.id, baseRev: userVersion.rev,
          doc: {
            ...userVersion.doc,
            blocks: userVersion.doc.blocks.map((b) => (b.id === 'fetch_orders' ? { ...b, id: 'fetch_po' } : b.id === 'map_orders' ? { ...b, config: { ...b.config, input: '{{ steps.fetch_po.output.orders }}' } } : b)),
            edges: userVersion.doc.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
          },
        });
        const report = await engine.call('golden.regress', { installationId: acme.id, version: 'current' });
        expect(report.status).toBe('cannot_compare');
        expect(report.sets[0]?.reason).toMatch(/"Fetch all purchase orders" \(fetch_orders\).*not in this version/);
        await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev + 1, doc: userVersion.doc });
        expect((await engine.call('golden.regress', { installationId: acme.id, version: 'current' })).status).toBe('unchanged');

        // A field renamed: the customer's mapping now reads a field none of the kept records has.
        const [mapping] = await engine.call('mappings.list', { integrationId: integration.id });
        const custom = await engine.call('installationMappings.create', { installationId: acme.id, mappingId: mapping?.id as string });
        await engine.call('installationMappings.save', {
          id: custom.id, baseRev: custom.rev,
          rules: custom.doc.rules.map((r) => (r.id === 'custom_field_2' ? { ...r, source: 'custbody_ship_priority.refName' } : r)),
        });
        const renamed = await engine.call('golden.regress', { installationId: acme.id, version: 'current' });
        expect(renamed.status).toBe('cannot_compare');
        expect(renamed.sets[0]?.reason).toContain('"custbody_ship_priority.refName"');
        // Named and removable.
        await engine.call('golden.rename', { id: kept.id, name: 'Two early orders' });
        expect((await engine.call('golden.list', { installationId: acme.id }))[0]?.name).toBe('Two early orders');
        expect(await engine.call('golden.remove', { id: kept.id })).toEqual({ removed: true });
        expect((await engine.call('golden.regress', { installationId: acme.id })).status).toBe('no_golden_records');
      },
      { demoSandbox: true },
    );
  });

  it("a customer's mapping rebase preview replays the merge: the base change shows, the customer's own change does not", async () => {
    await withEngine(
      async (engine) => {
        const { integration, install } = await setUp(engine);
        const acme = await install('Acme Corp');
        const [mapping] = await engine.call('mappings.list', { integrationId: integration.id });
        if (!mapping) throw new Error('no mapping');
        const custom = await engine.call('installationMappings.create', { installationId: acme.id, mappingId: mapping.id });
        await engine.call('installationMappings.save', {
          id: custom.id, baseRev: custom.rev,
          rules: custom.doc.rules.map((r) => (r.id === 'vendor_email' ? { ...r, transforms: [{ name: 'upper', args: [] }] } : r)),
        });
        const sync = await testSync(engine, acme.id, acme.workflowId);
        await engine.call('golden.keep', { runId: sync.run.id, limit: 2 });

        await engine.call('mappings.save', {
          id: mapping.id, baseRev: mapping.rev,
          rules: mapping.doc.rules.map((r) => (r.id === 'line_qty' ? { ...r, transforms: [{ name: 'string', args: [] }] } : r)),
        });
        await engine.call('integrations.release', { id: integration.id, notes: 'quantities as text' });

        const preview = await engine.call('installationMappings.rebasePreview', { id: custom.id });
        expect(preview.conflicts).toEqual([]);
        expect(preview.regression?.status).toBe('changed');
        const paths = preview.regression?.sets.flatMap((s) => s.records.flatMap((r) => r.changes.filter((c) => c.step === 'map_orders').map((c) => c.path))) ?? [];
        expect(paths.length).toBeGreaterThan(0);
        expect(paths.every((p) => /^records\[0\]\.lineItems\[\d+\]\.quantity$/.test(p))).toBe(true);
      },
      { demoSandbox: true },
    );
  });

  it('keeps write-back records read over a JSON API: the shipment, the paired order, the would-be PATCH', async () => {
    await withEngine(
      async (engine) => {
        const { install } = await setUp(engine);
        const acme = await install('Acme Corp');
        expect((await engine.call('installations.runWorkflow', { id: acme.id, workflowId: acme.workflowId, wait: true })).status).toBe('succeeded');
        const writeBack = (await engine.call('installations.get', { id: acme.id })).workflows.find((w) => w.name === 'Write Back Tracking Number')?.workflowId as string;
        const run = await engine.call('installations.runWorkflow', { id: acme.id, workflowId: writeBack, mode: 'test', wait: true });
        expect(run.status).toBe('succeeded');
        const kept = await engine.call('golden.keep', { runId: run.id, limit: 2 });
        const set = await engine.call('golden.get', { id: kept.id });
        expect(set.body.sourceBlockId).toBe('shipments');
        expect(set.body.recordsPath).toEqual(['body', 'shipments']);
        const record = set.body.records[0];
        expect(Object.keys(record?.inputs ?? {})).toEqual(['shipments']);
        expect(Object.keys(set.body.sharedInputs)).toEqual(['orders']);
        expect(record?.outputs['write_back[0]']).toMatchObject({ dryRun: true, request: { method: 'PATCH', body: { custbody_tracking_number: expect.any(String) } } });
        expect((await engine.call('golden.regress', { installationId: acme.id, version: 'current' })).status).toBe('unchanged');
      },
      { demoSandbox: true },
    );
  });
});

describe('golden records from a streamed fetch', () => {
  it('keeps records from every page a test sync fetched, and any of them by key', async () => {
    await withEngine(
      async (engine) => {
        const { install } = await setUp(engine);
        const acme = await install('Acme Corp');
        // Small pages: the fetch streams 2 + 2 + 1 orders, one journaled step per page.
        const userVersion = await engine.call('userVersions.get', { id: acme.userVersionId });
        const doc = { ...userVersion.doc, blocks: userVersion.doc.blocks.map((b) => (b.id === 'fetch_orders' ? { ...b, config: { ...b.config, pageSize: 2 } } : b)) };
        await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });
        const run = await engine.call('installations.runWorkflow', { id: acme.id, workflowId: acme.workflowId, mode: 'test', testLimit: 5, wait: true });
        expect(run.status).toBe('succeeded');
        const pages = (await engine.call('runs.steps', { runId: run.id })).filter((s) => s.blockId === 'fetch_orders');
        expect(pages).toHaveLength(3);
        const fetched = pages.flatMap((p) => (p.output as { orders: { tranId: string }[] }).orders.map((o) => o.tranId));
        const all = await engine.call('golden.keep', { runId: run.id, limit: 50 });
        expect(all.recordKeys).toEqual(fetched);
        const last = fetched[4] as string;
        const picked = await engine.call('golden.keep', { runId: run.id, keys: [last] });
        expect(picked.recordKeys).toEqual([last]);
      },
      { demoSandbox: true },
    );
  });
});
