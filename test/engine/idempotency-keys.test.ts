import { describe, expect, it } from 'vitest';
import type { YourAppDelivery } from '../../engine/simulators/your-app';
import { backfillDoc, saveBackfillConnections } from '../../engine/testing/backfill';
import { useBackfillSimulators } from '../../engine/testing/backfill-simulators';
import { withEngine } from '../../engine/testing/temp-engine';

// The template's historical backfill, cancelled part-way and run again: the page that was partly
// delivered is sent again, and a receiver that de-duplicates by Idempotency-Key must see the keys
// of the first delivery; an order changed in NetSuite afterwards is a new delivery with a new key.
// Your App here accepts every POST (ignores keys) so each delivery and its key is recorded.

const ORDERS = 250;
const sims = useBackfillSimulators(ORDERS);
const { account } = sims;

function keysByOrder(deliveries: readonly YourAppDelivery[]): Map<string, (string | null)[]> {
  const out = new Map<string, (string | null)[]>();
  for (const d of deliveries) out.set(d.external_order_id, [...(out.get(d.external_order_id) ?? []), d.idempotencyKey]);
  return out;
}

describe('idempotency keys of the historical backfill', () => {
  it('re-sends an order with the key of its first delivery, and sends a changed order with a new key', async () => {
    await withEngine(async (engine) => {
      await saveBackfillConnections(engine.context.connections, sims.targets());
      await engine.context.secrets.refresh();
      const wf = await engine.call('workflows.create', { name: 'Backfill', doc: backfillDoc({ pageSize: 20, concurrency: 1 }) });

      // Cancelled in the middle of the third page (20 orders a page, one at a time).
      let cancelling: Promise<unknown> | null = null;
      let posted = 0;
      const run = await engine.call('runs.start', { workflowId: wf.id });
      const unsubscribe = engine.subscribe((e) => {
        if (e.type !== 'step.finished' || e.step.runId !== run.id || e.step.blockId !== 'post_order') return;
        if (++posted === 50 && !cancelling) cancelling = engine.call('runs.cancel', { id: run.id });
      });
      await engine.idle();
      unsubscribe();
      expect((await engine.call('runs.get', { id: run.id })).status).toBe('cancelled');
      const first = keysByOrder(sims.app.deliveries());
      expect(first.size).toBeLessThan(ORDERS);

      const again = await engine.call('runs.start', { workflowId: wf.id, wait: true });
      expect(again.status).toBe('succeeded');
      const all = keysByOrder(sims.app.deliveries());
      expect(all.size).toBe(ORDERS);
      const resent = [...all].filter(([, keys]) => keys.length > 1);
      // The page in flight at the cancel is read again (documented); its orders keep their keys.
      expect(resent.length).toBeGreaterThan(0);
      for (const [order, keys] of resent) {
        expect(keys[0], order).toMatch(/\S/);
        expect(new Set(keys), order).toEqual(new Set([keys[0]]));
      }
      const firstKeys = new Set([...all.values()].map((keys) => keys[0]));
      expect(firstKeys.size).toBe(ORDERS);

      // An order changes in NetSuite: the next run delivers it, under a key never used before.
      const sim = sims.ns.account(account.accountId);
      const order = [...sim.orders.values()][7];
      if (!order) throw new Error('the demo account has no orders');
      const latest = Math.max(...[...sim.orders.values()].map((o) => o.modifiedMs));
      Object.assign(order, { email: 'changed@example.com', modifiedMs: latest + 60_000 });
      sim.version++;
      const before = sims.app.deliveries().length;
      const update = await engine.call('runs.start', { workflowId: wf.id, wait: true });
      expect(update.status).toBe('succeeded');
      const delivered = sims.app.deliveries().slice(before);
      expect(delivered.map((d) => d.external_order_id)).toEqual([order.tranId]);
      expect(all.get(order.tranId)).not.toContain(delivered[0]?.idempotencyKey);
    });
  });
});
