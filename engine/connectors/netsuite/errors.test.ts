import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { PatchbayError } from '../../errors/patchbay-error';
import { NetSuiteClient } from './client';
import { harness, failure } from './testkit';

/** Nothing an analyst sees may contain a secret. */
function expectNoSecrets(e: PatchbayError, secrets: readonly string[]): void {
  const seen = `${e.message} ${JSON.stringify(e.details)} ${e.stack ?? ''}`;
  for (const s of secrets) expect(seen).not.toContain(s);
}

describe('error mapping', () => {
  it('maps wrong credentials to auth_failed with no secret in the message', async () => {
    const h = await harness(3);
    try {
      const wrong = new NetSuiteClient({ ...h.creds, tokenSecret: 'PLANTED-wrong-token-secret' });
      const e = await failure(wrong.test());
      expect(e.code).toBe('auth_failed');
      expect(e.message).toMatch(/token/);
      expectNoSecrets(e, [h.creds.consumerSecret, 'PLANTED-wrong-token-secret', h.creds.tokenId, h.creds.consumerKey]);
      const wrongAccount = new NetSuiteClient({ ...h.creds, accountId: '1111111' });
      expect((await failure(wrongAccount.test())).code).toBe('auth_failed');
    } finally {
      await h.close();
    }
  });

  it('maps 404 to not_found, a bad q date to bad_request and a refused write to rejected with the error path', async () => {
    const h = await harness(3);
    try {
      expect((await failure(h.client.get('purchaseOrder', '424242'))).code).toBe('not_found');
      const bad = await failure(h.client.listIds('purchaseOrder', { q: 'lastModifiedDate ON_OR_AFTER "yesterday"' }).next());
      expect(bad.code).toBe('bad_request');
      expect(bad.message).toContain('Unparseable date');
      const rejected = await failure(h.client.write({ kind: 'update', recordType: 'purchaseOrder', id: '1001', body: { item: { items: [{ item: { id: '9999' } }] } } }));
      expect(rejected.code).toBe('rejected');
      expect(rejected.details).toMatchObject({ netsuiteCode: 'USER_ERROR', errorPath: 'item.items[0].item', status: 400 });
      expect(rejected.message).toContain('Invalid Field Value 9999');
    } finally {
      await h.close();
    }
  });

  it('retries 429 and 500 with backoff until they pass', async () => {
    const h = await harness(2, {}, { maxAttempts: 4 });
    try {
      h.sim.injectFaults({ status: 429 }, { status: 500 }, { status: 429, retryAfterSeconds: 0 });
      const po = await h.client.getPurchaseOrder('1001');
      expect(po.id).toBe('1001');
      expect(h.requests.map((r) => r.status)).toEqual([429, 500, 429, 200]);
    } finally {
      await h.close();
    }
  });

  it('gives up after the bounded number of attempts: rate_limited and server_error', async () => {
    const h = await harness(2, {}, { maxAttempts: 3 });
    try {
      h.sim.injectFaults(...Array.from({ length: 3 }, () => ({ status: 429 as const })));
      const limited = await failure(h.client.getPurchaseOrder('1001'));
      expect(limited.code).toBe('rate_limited');
      expect(limited.details).toMatchObject({ attempts: 3 });
      h.sim.injectFaults(...Array.from({ length: 5 }, () => ({ status: 500 as const })));
      const broken = await failure(h.client.getPurchaseOrder('1001'));
      expect(broken.code).toBe('server_error');
      expect(h.requests.filter((r) => r.status === 500)).toHaveLength(3);
      // Creates are not idempotent: a 500 is not retried, so nothing is created twice.
      h.sim.resetStats();
      h.sim.injectFaults({ status: 500 });
      const create = await failure(h.client.write({ kind: 'create', recordType: 'purchaseOrder', body: { entity: { id: '500' }, item: { items: [{ item: { id: '70' } }] } } }));
      expect(create.code).toBe('server_error');
      expect(h.sim.stats().requests).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('turns an HTML page and a cut-off body into invalid_response', async () => {
    const h = await harness(2, {}, { maxAttempts: 2 });
    try {
      h.sim.injectFaults({ status: 503, html: true }, { status: 503, html: true });
      const html = await failure(h.client.getPurchaseOrder('1001'));
      expect(html.code).toBe('invalid_response');
      expect(html.message).toMatch(/web page instead of data/);
      h.sim.injectFaults({ truncate: true });
      const cut = await failure(h.client.getPurchaseOrder('1001'));
      expect(cut.code).toBe('invalid_response');
      expect(cut.message).toMatch(/malformed or was cut off/);
    } finally {
      await h.close();
    }
  });

  it('reports an unreachable host as network_error and a silent one as timeout', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const creds = { accountId: '123', consumerKey: 'k', consumerSecret: 'PLANTED-s', tokenId: 't', tokenSecret: 'PLANTED-ts' };
    const nowhere = new NetSuiteClient({ ...creds, baseUrl: `http://127.0.0.1:${port}` }, { maxAttempts: 2, baseDelayMs: 1 });
    const e = await failure(nowhere.test());
    expect(e.code).toBe('network_error');
    expect(e.message).toContain('connection refused');
    expectNoSecrets(e, ['PLANTED-s', 'PLANTED-ts']);

    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const slow = new NetSuiteClient({ ...creds, baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` }, { maxAttempts: 2, baseDelayMs: 1, timeoutMs: 150 });
      expect((await failure(slow.test())).code).toBe('timeout');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

describe('account concurrency', () => {
  it('never has more requests in flight than the limit, across clients of the same account', async () => {
    const h = await harness(120, { latencyMs: 5, concurrency: 5 }, { concurrency: 5 });
    try {
      const other = new NetSuiteClient(h.creds, { concurrency: 5 });
      await Promise.all([
        h.client.fetchPurchaseOrders({ strategy: 'record' }),
        other.fetchPurchaseOrders({ strategy: 'record' }),
        other.fetchPurchaseOrders({ strategy: 'suiteql', pageSize: 10 }),
      ]);
      const stats = h.sim.stats();
      expect(stats.rejected429).toBe(0);
      expect(stats.accounts[h.creds.accountId]?.maxInFlight).toBe(5);
    } finally {
      await h.close();
    }
  });
});
