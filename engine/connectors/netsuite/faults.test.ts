import { describe, expect, it } from 'vitest';
import { isPatchbayError, type PatchbayError } from '../../errors/patchbay-error';
import { netSuiteHttpError } from './errors';
import { harness, failure } from './testkit';

// Faults the connector survives (issue 14, NetSuite item 3).

describe('a 429 from the account’s limit', () => {
  const ctx = { method: 'GET', path: '/record/v1/purchaseOrder/1', accountId: '123_SB1', attempts: 3 };

  it('is told apart from any other 429 in the message', () => {
    const account = netSuiteHttpError(429, { 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED', 'o:errorDetails': [{ detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] }, ctx);
    const proxy = netSuiteHttpError(429, '<html>Too Many Requests</html>', ctx);
    expect(account).toMatchObject({ code: 'rate_limited', details: { limit: 'account_concurrency' }, message: expect.stringMatching(/account 123_SB1 is at its concurrency limit/) });
    expect(proxy).toMatchObject({ code: 'rate_limited', details: { limit: 'other' }, message: expect.stringMatching(/not the account's concurrency limit/) });
    expect(proxy.message).not.toMatch(/Lower the connection's concurrency/);
  });

  it('names the account’s limit when the simulator’s account gate refuses until the retries run out', async () => {
    const h = await harness(1, {}, { maxAttempts: 2 });
    try {
      h.sim.injectFaults({ status: 429 }, { status: 429 });
      const e = await failure(h.client.getPurchaseOrder('1001'));
      expect(e).toMatchObject({ code: 'rate_limited', details: { limit: 'account_concurrency', attempts: 2 } });
    } finally {
      await h.close();
    }
  });
});

describe('a record-API fetch that exhausts its retries', () => {
  it('keeps the orders it fetched and resumes from its cursor, every order exactly once', async () => {
    const h = await harness(25, {}, { maxAttempts: 1, concurrency: 1 });
    try {
      const got: string[] = [];
      let cursor: string | null = null;
      const pages = h.client.purchaseOrderPages({ strategy: 'record', pageSize: 10 });
      const first = await pages.next();
      if (first.done) throw new Error('no first page');
      got.push(...first.value.orders.map((o) => String(o.id)));
      cursor = first.value.cursor;
      // The 4th order of the second page fails (one attempt allowed): the list request and three GETs pass first.
      h.sim.injectFaults({}, {}, {}, {}, { status: 503 });
      let error: PatchbayError | null = null;
      try {
        for (let r = await pages.next(); !r.done; r = await pages.next()) {
          got.push(...r.value.orders.map((o) => String(o.id)));
          cursor = r.value.cursor;
        }
      } catch (e) {
        if (!isPatchbayError(e)) throw e;
        error = e;
      }
      expect(error).toMatchObject({ code: 'server_error', details: { cursor: '13' }, message: expect.stringMatching(/resume from cursor 13/) });
      expect(got).toHaveLength(13);
      expect(cursor).toBe('13');

      const rest = await h.client.fetchPurchaseOrders({ strategy: 'record', pageSize: 10, cursor });
      const all = [...got, ...rest.orders.map((o) => String(o.id))];
      expect(all).toHaveLength(25);
      expect(new Set(all).size).toBe(25);
    } finally {
      await h.close();
    }
  });
});

describe('the simulator’s 404', () => {
  it('reads as NetSuite’s own detail', async () => {
    const h = await harness(1);
    try {
      const e = await failure(h.client.getPurchaseOrder('999999'));
      expect(e).toMatchObject({ code: 'not_found', details: { netsuiteCode: 'NONEXISTENT_ID', detail: 'The record instance does not exist. Provide a valid record instance ID.' } });
    } finally {
      await h.close();
    }
  });
});
