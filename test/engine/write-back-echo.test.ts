import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/host/engine';
import { backfillConnectionIds, saveBackfillConnections } from '../../engine/testing/backfill';
import { useBackfillSimulators, type BackfillSimulators } from '../../engine/testing/backfill-simulators';
import { changeOrdersInNetSuite } from '../../engine/testing/netsuite-changes';
import { withEngine } from '../../engine/testing/temp-engine';

// The Order Sync's write-back PATCHes a tracking number onto each shipped purchase order, which
// moves the order's lastModifiedDate in NetSuite. The listener must not take that for a change and
// deliver the order to Your App again (an echo of our own write), yet an order someone else
// changes afterwards must still reach Your App. Real simulators on loopback; Your App counts every
// delivery, as a receiver that ignores Idempotency-Key would create a duplicate order for each.

const ORDERS = 20;
type Strategy = 'suiteql' | 'record';

/** The template's three workflows for one customer, whose listener reads by `strategy`. */
async function installOrderSync(engine: Engine, sims: BackfillSimulators, strategy: Strategy) {
  await saveBackfillConnections(engine.context.connections, sims.targets());
  await engine.context.secrets.refresh();
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: backfillConnectionIds.netsuite });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: backfillConnectionIds.yourApp });
  const installed = await engine.call('installations.install', { id: inst.id, wait: true });
  const wf = (name: string) => installed.installation.workflows.find((w) => w.name === name)?.workflowId as string;
  // The mapping is agreed: the customer's backfill without its Stop block.
  const backfill = await engine.call('userVersions.create', { installationId: inst.id, workflowId: wf('Fetch Historical Orders') });
  await engine.call('userVersions.save', {
    id: backfill.id, baseRev: backfill.rev,
    doc: {
      ...backfill.doc,
      blocks: backfill.doc.blocks.filter((b) => b.id !== 'hold'),
      edges: backfill.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
    },
  });
  if (strategy !== 'suiteql') {
    const listener = await engine.call('userVersions.create', { installationId: inst.id, workflowId: wf('Listen for New and Updated Orders') });
    const blocks = listener.doc.blocks.map((b) => (b.id === 'fetch_changed' ? { ...b, config: { ...b.config, strategy } } : b));
    await engine.call('userVersions.save', { id: listener.id, baseRev: listener.rev, doc: { ...listener.doc, blocks } });
  }
  const run = async (name: string) => {
    const r = await engine.call('installations.runWorkflow', { id: inst.id, workflowId: wf(name), wait: true });
    expect(r.status, `${name}: ${JSON.stringify(r.error)}`).toBe('succeeded');
    return engine.call('runs.steps', { runId: r.id });
  };
  return { run };
}

// SuiteQL reads modification times to the second, the record API to the minute.
describe.each(['suiteql', 'record'] as const)('tracking numbers written back to NetSuite, the listener reading by %s', (strategy) => {
  // The simulators' clock, moved on by the test so NetSuite's modification times are a minute
  // apart (within NetSuite's ±5 minutes of signature slack). Each strategy has its own account.
  let offsetMs = 0;
  const sims = useBackfillSimulators(ORDERS, { now: () => Date.now() + offsetMs });

  it('are not delivered to Your App again as changed orders, while a later change by someone else is', async () => {
    await withEngine(async (engine) => {
      const { run } = await installOrderSync(engine, sims, strategy);
      const received = () => sims.app.stats().ordersReceived;
      await run('Fetch Historical Orders');
      expect(received()).toBe(ORDERS);
      await run('Listen for New and Updated Orders');
      expect(received()).toBe(ORDERS);

      // Your App ships every order; the write-back sets each tracking number in NetSuite.
      const writeBack = await run('Write Back Tracking Number');
      const written = writeBack.filter((s) => s.blockId === 'write_back' && s.status === 'succeeded');
      expect(written).toHaveLength(ORDERS);

      // The next poll sees those orders modified, but only by our own write: nothing is delivered.
      const poll = await run('Listen for New and Updated Orders');
      expect(poll.find((s) => s.blockId === 'fetch_changed')?.output).toMatchObject({ count: 0, skippedOwnWrites: ORDERS });
      expect(received()).toBe(ORDERS);

      // A minute later someone changes one of them in NetSuite: the next poll delivers that one.
      offsetMs += 60_000;
      const changed = (written[3]?.output as { id: string }).id;
      await changeOrdersInNetSuite(engine, [changed], 'Quantity agreed by phone', backfillConnectionIds.netsuite);
      const after = await run('Listen for New and Updated Orders');
      const fetched = after.find((s) => s.blockId === 'fetch_changed')?.output as { count: number; orders: { id: string; memo?: string }[] };
      expect(fetched.orders.map((o) => [o.id, o.memo])).toEqual([[changed, 'Quantity agreed by phone']]);
      expect(received()).toBe(ORDERS + 1);

      // And the poll after that has nothing new.
      await run('Listen for New and Updated Orders');
      expect(received()).toBe(ORDERS + 1);
    });
  });
});

// The reviewer's steps: the listener polled (nothing new), then someone changed an order, then our
// write-back landed on it before the next poll. That change is theirs, not ours. Its own account,
// untouched by the tests above.
describe.each(['suiteql', 'record'] as const)('an order someone else changed before our write-back, the listener reading by %s', (strategy) => {
  const sims = useBackfillSimulators(ORDERS);

  it('is delivered by the next poll, once', async () => {
    await withEngine(async (engine) => {
      const { run } = await installOrderSync(engine, sims, strategy);
      const received = () => sims.app.stats().ordersReceived;
      const backfill = await run('Fetch Historical Orders');
      const start = received();
      await run('Listen for New and Updated Orders');
      await run('Listen for New and Updated Orders');
      expect(received()).toBe(start);

      // Someone sets the memo on PO 1001 (one the backfill delivered) in NetSuite.
      const delivered = backfill.filter((s) => s.blockId === 'fetch_orders').flatMap((s) => (s.output as { orders: { id: string }[] }).orders);
      const changed = '1001';
      expect(delivered.map((o) => o.id)).toContain(changed);
      await changeOrdersInNetSuite(engine, [changed], 'Deliver to the side door', backfillConnectionIds.netsuite);
      const writeBack = await run('Write Back Tracking Number');
      expect(writeBack.filter((s) => s.blockId === 'write_back' && s.status === 'succeeded').map((s) => (s.output as { id: string }).id)).toContain(changed);

      const poll = await run('Listen for New and Updated Orders');
      const fetched = poll.find((s) => s.blockId === 'fetch_changed')?.output as { orders: { id: string; memo?: string }[]; skippedOwnWrites: number };
      expect(fetched.orders.map((o) => [o.id, o.memo])).toEqual([[changed, 'Deliver to the side door']]);
      expect(fetched.skippedOwnWrites).toBe(ORDERS - 1);
      expect(received()).toBe(start + 1);

      // Delivered once: later polls neither skip it for ever nor deliver it again.
      await run('Listen for New and Updated Orders');
      expect(received()).toBe(start + 1);
    });
  });
});
