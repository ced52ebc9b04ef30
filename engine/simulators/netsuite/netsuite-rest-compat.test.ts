import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetSuiteSimulator, type NetSuiteSimulator } from './server';

// A client nobody here wrote (npm `netsuite-rest`, on oauth-1.0a + got) must work against the
// simulator unchanged: the proof that the simulator speaks NetSuite, not just our connector.

interface NsRestResponse {
  statusCode: number;
  data: { items: Array<Record<string, unknown>>; hasMore: boolean; totalResults: number; count: number };
}
interface NsRest {
  request(opts: { path: string; method?: string; body?: string; heads?: Record<string, string> }): Promise<NsRestResponse>;
}
type NsRestCtor = new (opts: Record<string, string>) => NsRest;

const NetsuiteRest = createRequire(import.meta.url)('netsuite-rest') as NsRestCtor;

const acct = { accountId: '5256042_SB1', consumerKey: 'c-key', consumerSecret: 'c-secret', tokenId: 't-id', tokenSecret: 't-secret' };
let sim: NetSuiteSimulator;
let client: NsRest;

beforeAll(async () => {
  sim = await startNetSuiteSimulator({ accounts: [{ ...acct, orders: 23 }] });
  client = new NetsuiteRest({
    consumer_key: acct.consumerKey,
    consumer_secret_key: acct.consumerSecret,
    token: acct.tokenId,
    token_secret: acct.tokenSecret,
    realm: acct.accountId,
    base_url: sim.url,
  });
});
afterAll(() => sim.close());

describe('netsuite-rest (npm) against the simulator', () => {
  it('authenticates and pages a collection', async () => {
    const ids: unknown[] = [];
    for (let offset = 0; ; offset += 10) {
      const res = await client.request({ path: `record/v1/purchaseOrder?limit=10&offset=${offset}` });
      expect(res.statusCode).toBe(200);
      ids.push(...res.data.items.map((i) => i.id));
      if (!res.data.hasMore) break;
    }
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(sim.stats().authFailures).toBe(0);
  });

  it('runs a SuiteQL query', async () => {
    const res = await client.request({
      path: 'query/v1/suiteql?limit=5&offset=0',
      method: 'POST',
      body: JSON.stringify({ q: "SELECT t.id, t.tranid FROM transaction t WHERE t.type = 'PurchOrd' ORDER BY t.id" }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.items).toHaveLength(5);
    expect(res.data.items[0]).toEqual({ links: [], id: '1001', tranid: 'PO1041' });
    expect(res.data.totalResults).toBe(23);
  });

  it('is refused with the generic 401 when its secret is wrong', async () => {
    const wrong = new NetsuiteRest({ consumer_key: acct.consumerKey, consumer_secret_key: 'nope', token: acct.tokenId, token_secret: acct.tokenSecret, realm: acct.accountId, base_url: sim.url });
    await expect(wrong.request({ path: 'record/v1/purchaseOrder' })).rejects.toMatchObject({ response: { statusCode: 401 } });
  });
});
