import { describe, expect, it } from 'vitest';
import { workflowDocSchema } from '../model/workflow';
import { StateRepo } from '../storage/state-repo';
import { orderSyncTemplate } from '../templates/order-sync';
import { openTestDatabase } from '../testing/test-database';
import { seedWatermarks } from './seed-watermarks';

const KEY = 'netsuite.fetchOrders.fetch_changed';

describe('seeding listeners from a backfill', () => {
  it("starts a poller that never polled at the backfill's start, moves an earlier seed, and never touches a watermark of its own", async () => {
    const t = await openTestDatabase();
    try {
      const state = new StateRepo(t.database);
      const [, listener, writeBack] = orderSyncTemplate.workflows().map((w, i) => ({ workflowId: `wf${i}`, doc: workflowDocSchema.parse(w) }));
      // The backfill that starts is not among the others (service.ts leaves it out).
      const all = [listener, writeBack].filter((w) => w !== undefined);
      await seedWatermarks(state, 'inst', all, '2026-11-01T10:00:00.000Z');
      expect((await state.read('inst:wf1'))[KEY]).toMatchObject({ watermark: '2026-11-01T10:00:00.000Z', recent: {} });
      // The write-back polls by its own variable: left alone.
      expect(await state.read('inst:wf2')).toEqual({});

      await seedWatermarks(state, 'inst', all, '2026-11-02T10:00:00.000Z');
      expect((await state.read('inst:wf1'))[KEY]).toMatchObject({ watermark: '2026-11-02T10:00:00.000Z' });

      const own = { watermark: '2026-11-03T08:00:00.000Z', recent: { 1001: '2026-11-03T08:00:00.000Z' } };
      await state.write('inst:wf1', { [KEY]: own });
      await seedWatermarks(state, 'inst', all, '2026-11-04T10:00:00.000Z');
      expect((await state.read('inst:wf1'))[KEY]).toEqual(own);
    } finally {
      await t.close();
    }
  });
});
