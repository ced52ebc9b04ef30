import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../connectors/netsuite/signing';
import { startNetSuiteSimulator, type NetSuiteSimulator } from './server';

const acct = { accountId: '7654321_SB1', consumerKey: 'ck-sim', consumerSecret: 'cs-sim', tokenId: 'tk-sim', tokenSecret: 'ts-sim' };

let sim: NetSuiteSimulator;
beforeAll(async () => {
  sim = await startNetSuiteSimulator({ accounts: [{ ...acct, orders: 40, seed: 3 }, { ...acct, accountId: '999_SB2', orders: 5, profile: 'legacy' }] });
});
afterAll(() => sim.close());

// Assertions navigate response bodies freely; a typed walk would only restate the JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

type Init = { body?: unknown; headers?: Record<string, string>; keys?: Partial<typeof acct>; timestamp?: number; nonce?: string };

async function call(method: string, pathAndQuery: string, init: Init = {}): Promise<{ status: number; body: Body; headers: Headers }> {
  const url = `${sim.url}${pathAndQuery}`;
  const keys = { ...acct, ...init.keys };
  const { authorization } = signRequest(keys, method, url, init.timestamp !== undefined || init.nonce ? { timestamp: init.timestamp, nonce: init.nonce } : {});
  const res = await fetch(url, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const invalidLogin = expect.objectContaining({
  status: 401,
  title: 'Unauthorized',
  'o:errorDetails': [expect.objectContaining({ 'o:errorCode': 'INVALID_LOGIN' })],
});

describe('TBA verification', () => {
  it('accepts a correctly signed request, including signed query parameters', async () => {
    const r = await call('GET', '/services/rest/record/v1/purchaseOrder?limit=5&offset=5');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(5);
  });

  it('answers the generic INVALID_LOGIN body for a wrong secret, stale timestamp, replayed nonce or lowercase realm', async () => {
    expect((await call('GET', '/services/rest/record/v1/purchaseOrder', { keys: { tokenSecret: 'wrong' } })).body).toEqual(invalidLogin);
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect((await call('GET', '/services/rest/record/v1/purchaseOrder', { timestamp: stale })).status).toBe(401);
    const ts = Math.floor(Date.now() / 1000);
    expect((await call('GET', '/services/rest/record/v1/purchaseOrder', { timestamp: ts, nonce: 'replayednonce123' })).status).toBe(200);
    expect((await call('GET', '/services/rest/record/v1/purchaseOrder', { timestamp: ts, nonce: 'replayednonce123' })).status).toBe(401);
    const lower = await call('GET', '/services/rest/record/v1/purchaseOrder', { keys: { accountId: '7654321_sb1' } });
    // The signer canonicalises the realm, so craft the lowercase header by hand.
    expect(lower.status).toBe(200);
    const url = `${sim.url}/services/rest/record/v1/purchaseOrder`;
    const header = signRequest(acct, 'GET', url).authorization.replace('realm="7654321_SB1"', 'realm="7654321_sb1"');
    expect((await fetch(url, { headers: { Authorization: header } })).status).toBe(401);
    expect(sim.stats().authReasons).toMatchObject({ InvalidSignature: 1, InvalidTimestamp: 1, NonceUsed: 1, InvalidRealm: 1 });
  });
});

describe('record service', () => {
  it('pages collections by the rules: offset divisible by limit, limit at most 1000, ids and links only', async () => {
    const page = await call('GET', '/services/rest/record/v1/purchaseorder?limit=10&offset=30');
    expect(page.body).toMatchObject({ count: 10, hasMore: false, offset: 30, totalResults: 40 });
    expect(Object.keys(page.body.items[0]).sort()).toEqual(['id', 'links']);
    expect(page.body.links.map((l: { rel: string }) => l.rel)).toContain('prev');
    const odd = await call('GET', '/services/rest/record/v1/purchaseOrder?limit=10&offset=5');
    expect(odd.status).toBe(400);
    expect(odd.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
    expect((await call('GET', '/services/rest/record/v1/purchaseOrder?limit=1001')).status).toBe(400);
  });

  it('filters with q on dates in M/D/YYYY and refuses an unparseable date', async () => {
    const all = (await call('GET', '/services/rest/record/v1/purchaseOrder')).body.totalResults as number;
    const q = encodeURIComponent('lastModifiedDate ON_OR_AFTER "6/1/2025" OR tranId IS "PO1041"');
    const some = await call('GET', `/services/rest/record/v1/purchaseOrder?q=${q}`);
    expect(some.status).toBe(200);
    expect(some.body.totalResults).toBeGreaterThan(0);
    expect(some.body.totalResults).toBeLessThan(all);
    const bad = await call('GET', `/services/rest/record/v1/purchaseOrder?q=${encodeURIComponent('lastModifiedDate ON_OR_AFTER "2025-06-01"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'INVALID_PARAMETER', detail: expect.stringContaining('Unparseable date') });
  });

  it('collapses sublists to links unless expandSubResources=true, and honours fields=', async () => {
    const plain = (await call('GET', '/services/rest/record/v1/purchaseOrder/1001')).body;
    expect(plain.item).toEqual({ links: [expect.objectContaining({ rel: 'self' })] });
    expect(plain.entity).toMatchObject({ id: expect.any(String), refName: expect.stringMatching(/\S+ \S+/) });
    const expanded = (await call('GET', '/services/rest/record/v1/purchaseOrder/1001?expandSubResources=true')).body;
    expect(expanded.item.items.length).toBeGreaterThanOrEqual(1);
    expect(expanded.item.items.length).toBeLessThanOrEqual(20);
    expect(expanded.item.totalResults).toBe(expanded.item.items.length);
    const simple = (await call('GET', '/services/rest/record/v1/PURCHASEORDER/1001?simpleEnumFormat=true')).body;
    expect(typeof simple.orderStatus).toBe('string');
    const picked = (await call('GET', '/services/rest/record/v1/purchaseOrder/1001?fields=tranId,memo')).body;
    expect(Object.keys(picked).filter((k) => k !== 'links' && k !== 'memo')).toEqual(['tranId']);
    const missing = await call('GET', '/services/rest/record/v1/purchaseOrder/99999');
    expect(missing.status).toBe(404);
    expect(missing.body['o:errorDetails'][0]['o:errorCode']).toBe('NONEXISTENT_ID');
  });

  it('PATCH updates fields and merges or replaces lines; POST and PUT eid answer 204 with Location', async () => {
    const before = (await call('GET', '/services/rest/record/v1/purchaseOrder/1002?expandSubResources=true')).body;
    const patch = await call('PATCH', '/services/rest/record/v1/purchaseOrder/1002', { body: { custbody_tracking_number: '1Z999', item: { items: [{ item: { id: '70' }, quantity: 2 }] } } });
    expect(patch.status).toBe(204);
    expect(patch.headers.get('location')).toMatch(/\/purchaseOrder\/1002$/);
    const after = (await call('GET', '/services/rest/record/v1/purchaseOrder/1002?expandSubResources=true')).body;
    expect(after.custbody_tracking_number).toBe('1Z999');
    expect(after.item.items).toHaveLength(before.item.items.length + 1);
    await call('PATCH', '/services/rest/record/v1/purchaseOrder/1002?replace=item', { body: { item: { items: [{ line: 1, quantity: 7 }] } } });
    const replaced = (await call('GET', '/services/rest/record/v1/purchaseOrder/1002?expandSubResources=true')).body;
    expect(replaced.item.items.map((l: { line: number; quantity: number }) => [l.line, l.quantity])).toEqual([[1, 7]]);

    const bad = await call('PATCH', '/services/rest/record/v1/purchaseOrder/1002', { body: { item: { items: [{ item: { id: '9999' } }] } } });
    expect(bad.status).toBe(400);
    expect(bad.body['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'item.items[0].item' });

    const created = await call('POST', '/services/rest/record/v1/purchaseOrder', { body: { entity: { id: '500' }, item: { items: [{ item: { id: '71' }, quantity: 3, rate: 2.5 }] } } });
    expect(created.status).toBe(204);
    const newId = created.headers.get('location')?.split('/').pop();
    expect(Number(newId)).toBeGreaterThan(1040);

    const put1 = await call('PUT', '/services/rest/record/v1/purchaseOrder/eid:SHOP-1', { body: { entity: { id: '501' }, item: { items: [{ item: { id: '72' } }] } } });
    const put2 = await call('PUT', '/services/rest/record/v1/purchaseOrder/eid:SHOP-1', { body: { memo: 'second' } });
    expect([put1.status, put2.status]).toEqual([204, 204]);
    expect(put2.headers.get('location')).toBe(put1.headers.get('location'));
    expect((await call('GET', '/services/rest/record/v1/purchaseOrder/eid:SHOP-1')).body.memo).toBe('second');
  });
});

describe('SuiteQL', () => {
  const suiteql = (q: string, query = 'limit=1000&offset=0', headers: Record<string, string> = { Prefer: 'transient' }) =>
    call('POST', `/services/rest/query/v1/suiteql?${query}`, { body: { q }, headers });

  it('returns lowercase string columns with empty links, and BUILTIN.DF / TO_CHAR', async () => {
    const r = await suiteql("SELECT t.id, t.tranId AS myTranId, BUILTIN.DF(t.entity) AS vendor, TO_CHAR(t.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lm FROM transaction t WHERE t.type = 'PurchOrd' AND t.id > 1030 ORDER BY t.id", 'limit=5&offset=0');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ count: 5, hasMore: true, totalResults: expect.any(Number) });
    expect(r.body.items[0]).toEqual({ links: [], id: '1031', mytranid: expect.stringMatching(/^PO/), vendor: expect.stringMatching(/ /), lm: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00$/) });
  });

  it('binds ? parameters and filters lines by transaction', async () => {
    const r = await call('POST', '/services/rest/query/v1/suiteql?limit=1000&offset=0', {
      body: { q: "SELECT tl.transaction, tl.linesequencenumber, BUILTIN.DF(tl.item) AS sku FROM transactionline tl WHERE tl.mainline = 'F' AND tl.transaction IN (?, ?) ORDER BY tl.transaction DESC, tl.linesequencenumber", params: ['1003', '1004'] },
      headers: { Prefer: 'transient' },
    });
    expect(r.status).toBe(200);
    const txns = r.body.items.map((i: { transaction: string }) => i.transaction);
    expect(new Set(txns)).toEqual(new Set(['1003', '1004']));
    expect(txns[0]).toBe('1004');
    expect(r.body.items[0]).toMatchObject({ linesequencenumber: '1', sku: expect.stringMatching(/^[A-Z]+-[A-Z]+$/) });
  });

  it('refuses unsupported SQL and a missing Prefer: transient with 400', async () => {
    const join = await suiteql('SELECT t.id FROM transaction t UNION SELECT t.id FROM transaction t');
    expect(join.status).toBe(400);
    expect(join.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
    expect((await suiteql('SELECT t.nosuchfield FROM transaction t')).status).toBe(400);
    expect((await suiteql('SELECT t.id FROM transaction t', 'limit=10&offset=0', {})).status).toBe(400);
  });

  it('answers 429 with the concurrency body when more requests are in flight than the cap', async () => {
    const slow = await startNetSuiteSimulator({ accounts: [{ ...acct, orders: 3 }], concurrency: 2, latencyMs: 150 });
    try {
      const url = `${slow.url}/services/rest/record/v1/purchaseOrder`;
      const results = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const res = await fetch(url, { headers: { Authorization: signRequest(acct, 'GET', url).authorization } });
          return { status: res.status, body: (await res.json()) as Record<string, unknown> };
        }),
      );
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBe(2);
      expect(limited[0]?.body).toMatchObject({ title: 'Bad Request', 'o:errorCode': 'USER_ERROR', 'o:errorDetails': [{ 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] });
      expect(slow.stats().rejected429).toBe(2);
    } finally {
      await slow.close();
    }
  });
});

describe('metadata and seeding', () => {
  it('describes custom fields with x-ns-custom-field, per profile', async () => {
    const schema = (await call('GET', '/services/rest/record/v1/metadata-catalog/purchaseOrder', { headers: { Accept: 'application/schema+json' } })).body;
    expect(schema.properties.custbody_tracking_number).toMatchObject({ 'x-ns-custom-field': true, type: 'string' });
    expect(schema.definitions['purchaseOrder-itemElement'].properties.custcol_vendor_sku['x-ns-custom-field']).toBe(true);
    const legacyUrl = '/services/rest/record/v1/metadata-catalog/purchaseOrder';
    const legacy = await call('GET', legacyUrl, { keys: { accountId: '999_SB2' } });
    expect(Object.keys(legacy.body.properties)).toEqual(expect.arrayContaining(['custbody2', 'custbody9']));
  });

  it('seeds deterministically from the seed', async () => {
    const a = await startNetSuiteSimulator({ accounts: [{ ...acct, orders: 10, seed: 11 }] });
    const b = await startNetSuiteSimulator({ accounts: [{ ...acct, orders: 10, seed: 11 }] });
    try {
      expect(JSON.stringify([...a.account(acct.accountId).orders.values()])).toBe(JSON.stringify([...b.account(acct.accountId).orders.values()]));
      const counts = [...a.account(acct.accountId).orders.values()].map((o) => o.lines.length);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...counts)).toBeLessThanOrEqual(20);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
