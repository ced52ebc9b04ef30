import { describe, expect, it } from 'vitest';
import { harness } from './testkit';

// A test sync of 5 records must not read a whole account: the SuiteQL query itself asks for 5 rows.
describe('fetch with a record limit', () => {
  it('asks NetSuite for only N header rows by SuiteQL, and one request for their lines', async () => {
    const h = await harness(250);
    try {
      const { orders } = await h.client.fetchPurchaseOrders({ strategy: 'suiteql', limit: 5 });
      expect(orders).toHaveLength(5);
      const queries = h.requests.filter((r) => r.path.includes('/query/v1/suiteql'));
      expect(queries.map((r) => /[?&]limit=(\d+)/.exec(r.path)?.[1])).toEqual(['5', '1000']);
      expect(queries).toHaveLength(2);
    } finally {
      await h.close();
    }
  });

  it('lists only N ids by the record API', async () => {
    const h = await harness(250);
    try {
      const { orders } = await h.client.fetchPurchaseOrders({ strategy: 'record', limit: 5 });
      expect(orders).toHaveLength(5);
      const lists = h.requests.filter((r) => /\/record\/v1\/purchaseOrder\?/.test(r.path));
      expect(lists.map((r) => /[?&]limit=(\d+)/.exec(r.path)?.[1])).toEqual(['5']);
    } finally {
      await h.close();
    }
  });
});
