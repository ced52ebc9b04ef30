import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { withEngine } from '../../engine/testing/temp-engine';

// Issue 10 items 4 and 5: test syncs of a base draft "as customer…" with a record limit, plain
// refusals when no customer is chosen, and runs that say whose they are and read by block name.

async function acme(engine: Engine) {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  const { installation } = await engine.call('installations.install', { id: inst.id, wait: true });
  const wf = (name: string) => installation.workflows.find((w) => w.name === name)?.workflowId as string;
  return { integration, id: inst.id, wf };
}

describe('test sync of a base workflow', () => {
  it('without a customer, says which block needs an installation instead of failing on a URL', async () => {
    await withEngine(async (engine) => {
      const { wf } = await acme(engine);
      const err = await engine.call('runs.start', { workflowId: wf('Write Back Tracking Number'), mode: 'test' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'installation_required' });
      expect((err as Error).message).toBe('"New shipments" uses the customer\'s "your_app" connection, which comes from an installation. Choose a customer to run as (Test sync › Run as customer…), or run it from that customer\'s installation page.');
    }, { demoSandbox: true });
  });

  it('as a customer, reads 5 orders from their account and shows each would-be write without sending it', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await acme(engine);
      const listen = wf('Listen for New and Updated Orders');
      const run = await engine.call('runs.start', { workflowId: listen, mode: 'test', testLimit: 5, installationId: id, wait: true });
      expect(run).toMatchObject({ status: 'succeeded', mode: 'test', installationId: id, customerName: 'Acme', testRecordLimit: 5 });
      const steps = await engine.call('runs.steps', { runId: run.id });
      expect(steps.find((s) => s.blockId === 'fetch_changed')?.output).toMatchObject({ count: 5 });
      const writes = steps.filter((s) => s.blockId === 'post_order');
      expect(writes).toHaveLength(5);
      expect(writes[0]).toMatchObject({ blockName: 'Send to Your App' });
      const request = (writes[0]?.output as { request: { method: string; url: string; headers: Record<string, string>; body: unknown } }).request;
      expect(request.method).toBe('POST');
      expect(request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/orders$/);
      expect(request.headers.authorization).toBe('[redacted]');
      expect(request.body).toMatchObject({ external_order_id: expect.any(String) });
      expect(engine.context.demo?.yourApp.stats().ordersReceived).toBe(0);
      // A test sync never moves the customer's watermark: the next one reads the same orders.
      const again = await engine.call('runs.start', { workflowId: listen, mode: 'test', testLimit: 5, installationId: id, wait: true });
      expect((await engine.call('runs.steps', { runId: again.id })).find((s) => s.blockId === 'fetch_changed')?.output).toMatchObject({ count: 5 });
      // Drafts never write to a customer's account: a live run as a customer is refused.
      await expect(engine.call('runs.start', { workflowId: listen, mode: 'live', installationId: id })).rejects.toMatchObject({ code: 'bad_request' });
    }, { demoSandbox: true });
  });
});

describe('test sync record limit', () => {
  it('runs a loop over at most the limit, whatever produced its list, and says the list was longer', async () => {
    await withEngine(async (engine) => {
      const { id, wf } = await acme(engine);
      // 250 orders in Your App, shipped at once: the write-back reads 250 new shipments.
      const yourApp = engine.context.demo?.yourApp;
      if (!yourApp) throw new Error('no demo sandbox');
      for (let i = 1; i <= 250; i++) {
        const res = await fetch(`${yourApp.url}/orders`, { method: 'POST', headers: { authorization: `Bearer ${yourApp.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ external_order_id: `PO${i}`, netsuite_id: String(i) }) });
        expect(res.ok).toBe(true);
      }
      const run = await engine.call('runs.start', { workflowId: wf('Write Back Tracking Number'), mode: 'test', testLimit: 2, installationId: id, wait: true });
      expect(run).toMatchObject({ status: 'succeeded', testRecordLimit: 2 });
      const steps = await engine.call('runs.steps', { runId: run.id });
      expect(steps.filter((s) => s.blockId === 'write_back')).toHaveLength(2);
      expect(steps.find((s) => s.blockId === 'each_shipment')?.output).toMatchObject({ testSyncLimit: '2 of 250 items, test sync limit', items: [expect.anything(), expect.anything()] });
    }, { demoSandbox: true });
  });
});

describe('runs across installations', () => {
  it('filters by customer, workflow, status and time, and each run names its customer', async () => {
    await withEngine(async (engine) => {
      const { integration, id, wf } = await acme(engine);
      const other = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Globex' });
      await engine.call('installations.setConnection', { id: other.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: other.id, key: 'your_app', connectionId: 'demo-your-app' });
      await engine.call('installations.install', { id: other.id, wait: true });
      await engine.call('installations.runWorkflow', { id, workflowId: wf('Listen for New and Updated Orders'), mode: 'test', testLimit: 2, wait: true });

      const all = await engine.call('runs.search', {});
      expect(all.map((r) => [r.customerName, r.workflowName, r.status]).sort()).toEqual([
        ['Acme', 'Fetch Historical Orders', 'stopped'], ['Acme', 'Listen for New and Updated Orders', 'succeeded'], ['Globex', 'Fetch Historical Orders', 'stopped'],
      ]);
      expect((await engine.call('runs.search', { installationId: other.id })).map((r) => r.customerName)).toEqual(['Globex']);
      expect((await engine.call('runs.search', { status: 'succeeded' })).map((r) => r.workflowName)).toEqual(['Listen for New and Updated Orders']);
      expect((await engine.call('runs.search', { workflowId: wf('Fetch Historical Orders'), installationId: id })).map((r) => r.customerName)).toEqual(['Acme']);
      expect(await engine.call('runs.search', { since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      expect(await engine.call('runs.search', { until: '2000-01-01T00:00:00Z' })).toEqual([]);
    }, { demoSandbox: true });
  });
});
