import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { withEngine } from '../../engine/testing/temp-engine';

// The reference story end to end on the built-in Demo sandbox: the NetSuite simulator (TBA,
// SuiteQL) and the sample Your App API, real HTTP on loopback, real SQLite, real isolates.

async function installOrderSync(engine: Engine) {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  const installed = await engine.call('installations.install', { id: inst.id, wait: true });
  const byName = new Map(installed.installation.workflows.map((w) => [w.name, w.workflowId]));
  return { integration, installed, byName, installationId: inst.id };
}

describe('NetSuite Order Sync on the Demo sandbox', () => {
  it('installs and stops at the Stop block; the customised version test-syncs, then syncs, polls and writes tracking numbers back', async () => {
    await withEngine(
      async (engine) => {
        const demo = engine.context.demo;
        if (!demo) throw new Error('demo sandbox not started');
        const { installed, byName, installationId } = await installOrderSync(engine);
        expect(installed.runs).toHaveLength(1);
        expect(installed.runs[0]).toMatchObject({ status: 'stopped' });

        // The analyst's user-specific version: no Stop block, trigger wired to the fetch.
        const historical = byName.get('Fetch Historical Orders') as string;
        const userVersion = await engine.call('userVersions.create', { installationId, workflowId: historical });
        const doc = {
          ...userVersion.doc,
          blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
          edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
        };
        await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });

        // Test sync: 3 records, writes shown, not sent.
        const test = await engine.call('installations.runWorkflow', { id: installationId, workflowId: historical, mode: 'test', testLimit: 3, wait: true });
        expect(test.status).toBe('succeeded');
        const steps = await engine.call('runs.steps', { runId: test.id });
        const mapped = steps.find((s) => s.blockId === 'map_orders')?.output as { records: Record<string, unknown>[]; errors: unknown[] };
        expect(mapped.records).toHaveLength(3);
        expect(mapped.errors).toEqual([]);
        expect(mapped.records[0]).toMatchObject({ external_order_id: expect.any(String), vendor: { name: expect.any(String) }, first_name: expect.any(String), last_name: expect.any(String) });
        expect((mapped.records[0] as { lineItems: unknown[] }).lineItems.length).toBeGreaterThan(0);
        const posts = steps.filter((s) => s.blockId === 'post_order');
        expect(posts).toHaveLength(3);
        expect(posts[0]?.output).toMatchObject({ dryRun: true, request: { method: 'POST', headers: { authorization: '[redacted]' } } });
        expect(demo.yourApp.stats().ordersReceived).toBe(0);

        // Live: every order reaches Your App once.
        const live = await engine.call('installations.runWorkflow', { id: installationId, workflowId: historical, wait: true });
        expect(live.status).toBe('succeeded');
        const total = demo.yourApp.stats().ordersReceived;
        expect(total).toBeGreaterThan(100);

        // Polling: the backfill seeded the watermark, so the polls read only what changed since.
        const listen = byName.get('Listen for New and Updated Orders') as string;
        const first = await engine.call('installations.runWorkflow', { id: installationId, workflowId: listen, wait: true });
        expect(first.status).toBe('succeeded');
        const second = await engine.call('installations.runWorkflow', { id: installationId, workflowId: listen, wait: true });
        const secondSteps = await engine.call('runs.steps', { runId: second.id });
        expect(secondSteps.find((s) => s.blockId === 'fetch_changed')?.output).toMatchObject({ count: 0 });
        expect(secondSteps.find((s) => s.blockId === 'any_changes')?.output).toEqual({ result: false });

        // Write-back: shipped orders get their tracking number on the NetSuite purchase order.
        const writeBack = byName.get('Write Back Tracking Number') as string;
        const wb = await engine.call('installations.runWorkflow', { id: installationId, workflowId: writeBack, wait: true });
        expect(wb.status).toBe('succeeded');
        const wbSteps = await engine.call('runs.steps', { runId: wb.id });
        const writes = wbSteps.filter((s) => s.blockId === 'write_back' && s.status === 'succeeded');
        expect(writes.length).toBeGreaterThan(100);
        // A live run journals a list this long as its count and a few samples.
        const pair = wbSteps.find((s) => s.blockId === 'pair')?.output as { result: { pairs: { count: number; sample: { netsuite_id: string; tracking_number: string }[] } } };
        expect(pair.result.pairs.count).toBe(writes.length);
        const sample = pair.result.pairs.sample[0] as { netsuite_id: string; tracking_number: string };
        // The next poll reads only shipments after the remembered one: nothing to write.
        const again = await engine.call('installations.runWorkflow', { id: installationId, workflowId: writeBack, wait: true });
        const againSteps = await engine.call('runs.steps', { runId: again.id });
        expect(againSteps.find((s) => s.blockId === 'shipments')?.input).toMatchObject({ query: { since: expect.any(String) } });
        expect(againSteps.filter((s) => s.blockId === 'write_back')).toHaveLength(0);
        const check = await engine.call('runs.start', {
          doc: {
            name: 'check',
            blocks: [
              { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
              { id: 'get', kind: 'netsuite_get_order', config: { connectionId: 'demo-netsuite', id: sample.netsuite_id } },
            ],
            edges: [{ id: 'e', from: 'trigger', to: 'get', port: 'out' }],
          },
          wait: true,
        });
        const order = (await engine.call('runs.steps', { runId: check.id }))[1]?.output as Record<string, unknown>;
        expect(JSON.stringify(order)).toContain(sample.tracking_number);
      },
      { demoSandbox: true },
    );
  });

  it('uninstalling one customer keeps credentials other installations share', async () => {
    await withEngine(
      async (engine) => {
        const { integration, installationId } = await installOrderSync(engine);
        const other = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Globex' });
        await engine.call('installations.setConnection', { id: other.id, key: 'netsuite', connectionId: 'demo-netsuite' });
        await engine.call('installations.setConnection', { id: other.id, key: 'your_app', connectionId: 'demo-your-app' });
        await engine.call('installations.install', { id: other.id, wait: true });
        await engine.call('installations.uninstall', { id: installationId });
        expect(await engine.call('connections.test', { id: 'demo-your-app' })).toMatchObject({ ok: true });
        expect((await engine.call('installations.get', { id: installationId })).status).toBe('uninstalled');
        await expect(engine.call('installations.runWorkflow', { id: installationId, workflowId: integration.workflows[0]?.id as string })).rejects.toMatchObject({ code: 'installation_uninstalled' });
      },
      { demoSandbox: true },
    );
  });
});
