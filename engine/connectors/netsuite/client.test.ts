import { describe, expect, it } from 'vitest';
import { stripLinks } from './normalize';
import { harness } from './testkit';

describe('paging', () => {
  it.each([0, 1, 999, 1000, 1001])('reads every one of %i orders once, by the record API and by SuiteQL', async (n) => {
    const h = await harness(n);
    try {
      const ids: string[] = [];
      for await (const page of h.client.listIds('purchaseOrder')) ids.push(...page.ids);
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
      const listRequests = h.requests.length;
      expect(listRequests).toBe(Math.max(1, Math.ceil(n / 1000)));
      for (const r of h.requests) expect(Number(/offset=(\d+)/.exec(r.path)?.[1]) % 1000).toBe(0);

      const rows = await h.client.suiteql("SELECT t.id FROM transaction t WHERE t.type = 'PurchOrd' ORDER BY t.id");
      expect(rows.map((r) => r.id)).toEqual(ids);
    } finally {
      await h.close();
    }
  });

  it('pages past the SuiteQL row cap with id > last, without duplicates or gaps', async () => {
    const h = await harness(650, { suiteqlRowCap: 250 }, { suiteqlRowCap: 250 });
    try {
      // Plain offset paging stops at the cap...
      expect(await h.client.suiteql("SELECT t.id FROM transaction t WHERE t.type = 'PurchOrd' ORDER BY t.id", { pageSize: 100 })).toHaveLength(250);
      // ...the order fetch continues by key.
      const { orders } = await h.client.fetchPurchaseOrders({ strategy: 'suiteql', pageSize: 100 });
      const ids = orders.map((o) => Number(o.id));
      expect(ids).toHaveLength(650);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(650);
      expect(h.requests.some((r) => r.path.includes('suiteql'))).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('fetching purchase orders', () => {
  it.each(['seed', 'legacy'] as const)('returns the same normalised orders by SuiteQL as by the record API (%s custom fields)', async (profile) => {
    const h = await harness(60, {}, {}, profile);
    try {
      const bySql = await h.client.fetchPurchaseOrders({ strategy: 'suiteql' });
      const byRecord = await h.client.fetchPurchaseOrders({ strategy: 'record' });
      const dropExpense = (o: Record<string, unknown>): Record<string, unknown> => {
        const { expense: _expense, ...rest } = o;
        return rest;
      };
      expect(bySql.orders.map(dropExpense)).toEqual(byRecord.orders.map(dropExpense));
      const first = bySql.orders[0] as unknown as Record<string, unknown> & { item: { items: unknown[] } };
      expect(first.item.items[0]).toMatchObject({ line: 1, item: { id: expect.any(String), refName: expect.any(String) }, quantity: expect.any(Number), rate: expect.any(Number) });
      expect(typeof first[profile === 'seed' ? 'custbody_approved_flag' : 'custbody12']).toBe('boolean');
      expect(bySql.watermark).toBe(byRecord.watermark);
    } finally {
      await h.close();
    }
  });

  it('fetches only orders modified since a watermark, and a limit for test syncs', async () => {
    const h = await harness(80);
    try {
      const all = (await h.client.fetchPurchaseOrders()).orders;
      const sorted = all.map((o) => String(o.lastModifiedDate)).sort();
      const since = sorted[60] as string;
      const expected = all.filter((o) => String(o.lastModifiedDate) >= since).map((o) => o.id);
      for (const strategy of ['suiteql', 'record'] as const) {
        const r = await h.client.fetchPurchaseOrders({ strategy, modifiedSince: since });
        expect(r.orders.map((o) => o.id)).toEqual(expected);
        expect(r.watermark).toBe(sorted[sorted.length - 1]);
        const few = await h.client.fetchPurchaseOrders({ strategy, limit: 3 });
        expect(few.orders).toHaveLength(3);
      }
    } finally {
      await h.close();
    }
  });

  it('discovers custom fields from the metadata catalog, per account layout', async () => {
    const h = await harness(1);
    try {
      const fields = await h.client.customFields();
      expect(fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'custbody_tracking_number', scope: 'body', type: 'text' }),
          expect.objectContaining({ id: 'custbody_shipping_priority', scope: 'body', type: 'select' }),
          expect.objectContaining({ id: 'custcol_est_delivery', scope: 'line', type: 'date' }),
        ]),
      );
    } finally {
      await h.close();
    }
  });
});

describe('writes', () => {
  it('PATCHes a field, creates with the id from Location, and upserts by external id', async () => {
    const h = await harness(5);
    try {
      const updated = await h.client.write({ kind: 'update', recordType: 'purchaseOrder', id: '1003', body: { custbody_tracking_number: '1Z-TRACK-1' } });
      expect(updated.id).toBe('1003');
      expect((await h.client.getPurchaseOrder('1003')).custbody_tracking_number).toBe('1Z-TRACK-1');
      const created = await h.client.write({ kind: 'create', recordType: 'purchaseOrder', body: { entity: { id: '503' }, item: { items: [{ item: { id: '75' }, quantity: 4 }] } } });
      expect(created.id).toBe('1006');
      const a = await h.client.write({ kind: 'upsert', recordType: 'purchaseOrder', externalId: 'APP-77', body: { entity: { id: '503' }, item: { items: [{ item: { id: '75' } }] } } });
      const b = await h.client.write({ kind: 'upsert', recordType: 'purchaseOrder', externalId: 'APP-77', body: { memo: 'again' } });
      expect(b.id).toBe(a.id);
      expect(stripLinks(await h.client.get('purchaseOrder', a.id))).toMatchObject({ externalId: 'APP-77', memo: 'again' });
    } finally {
      await h.close();
    }
  });

  it('prepares the exact request without sending it, Authorization redacted', async () => {
    const h = await harness(2);
    try {
      const prepared = h.client.prepareWrite({ kind: 'update', recordType: 'purchaseOrder', id: '1001', body: { memo: 'x' }, replace: ['item'] });
      expect(prepared).toEqual({
        method: 'PATCH',
        url: `${h.sim.url}/services/rest/record/v1/purchaseOrder/1001?replace=item`,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'OAuth [redacted]' },
        body: { memo: 'x' },
      });
      expect(h.sim.stats().byKind.patch ?? 0).toBe(0);
    } finally {
      await h.close();
    }
  });
});
