import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../../errors/patchbay-error';
import { createNetSuiteClientFactory } from '../../../connections/netsuite-factory';
import { ConnectionStore } from '../../../connections/store';
import { SecretBox } from '../../../secrets/envelope';
import { staticKeyProvider } from '../../../secrets/key-provider';
import { startNetSuiteSimulator, type NetSuiteSimulator, type SimAccount } from '../../../simulators/netsuite';
import { openTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ServiceRegistry } from '../../services';
import { getBlockDefinition } from '../registry';
import { netsuiteClientFactoryKey } from '../netsuite/netsuite-shared';
import type { BlockContext } from '../types';
import { netsuiteSuiteqlBlock, type SuiteQlQueryOutput } from './netsuite-suiteql';

// The SuiteQL Query block against the simulator over loopback, through saved connections of both
// auth modes (token-based and OAuth 2.0 with a key pair made here).

const accountId = '5550002_SB1';
const tba = { consumerKey: 'PLANTED-sq-ck-1', consumerSecret: 'PLANTED-sq-cs-2', tokenId: 'PLANTED-sq-tk-3', tokenSecret: 'PLANTED-sq-ts-4' };
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
let sim: NetSuiteSimulator;
let db: TestDatabase;
let services: ServiceRegistry;
let tbaConnection: string;
let m2mConnection: string;
let account: SimAccount;

beforeAll(async () => {
  sim = await startNetSuiteSimulator({
    accounts: [{ accountId, ...tba, orders: 40, oauth2: { clientId: 'sq-client-1', certificates: [{ id: 'sq-cert-1', publicKey: keys.publicKey }] } }],
  });
  account = sim.account(accountId);
  db = await openTestDatabase();
  const store = new ConnectionStore(db.database, await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 7))));
  tbaConnection = (await store.save({ name: 'TBA', kind: 'netsuite', values: { accountId, ...tba, baseUrl: sim.url } })).id;
  m2mConnection = (await store.save({ name: 'M2M', kind: 'netsuite', values: { accountId, authMode: 'oauth2', clientId: 'sq-client-1', certificateId: 'sq-cert-1', privateKey: keys.privateKey, baseUrl: sim.url } })).id;
  services = new ServiceRegistry();
  services.provide(netsuiteClientFactoryKey, createNetSuiteClientFactory(store, { baseDelayMs: 5, maxAttempts: 2 }));
});
afterAll(async () => {
  await db.close();
  await sim.close();
});

function ctx(opts: { mode?: 'live' | 'test'; testRecordLimit?: number | null; saved?: unknown[]; onAppend?: (n: number) => void } = {}): BlockContext {
  const saved = opts.saved ?? [];
  return {
    testRecordLimit: opts.testRecordLimit ?? null,
    checkpoints: {
      load: () => Promise.resolve([...saved]),
      append: (v) => {
        saved.push(v);
        opts.onAppend?.(saved.length);
        return Promise.resolve();
      },
    },
    runId: 'run-1',
    blockId: 'q1',
    iteration: null,
    mode: opts.mode ?? 'live',
    signal: new AbortController().signal,
    installation: null,
    services,
    idempotencyKey: 'run-1:q1',
    log: () => undefined,
    setVariable: () => undefined,
  };
}

async function run(config: Record<string, unknown>, c: BlockContext = ctx()): Promise<SuiteQlQueryOutput> {
  return (await netsuiteSuiteqlBlock.execute(netsuiteSuiteqlBlock.configSchema.parse(config), c)).output as SuiteQlQueryOutput;
}

const perOrder = `
  SELECT t.id, t.tranid, BUILTIN.DF(t.entity) AS vendor, TO_CHAR(t.trandate, 'YYYY-MM-DD') AS trandate, COUNT(*) AS lines, SUM(tl.quantity * tl.rate) AS amount
  FROM transaction t JOIN transactionline tl ON tl.transaction = t.id
  WHERE tl.mainline = 'F'
  GROUP BY t.id, t.tranid, t.entity, t.trandate
  ORDER BY t.id`;

describe('SuiteQL Query block', () => {
  it('is in the block catalog', () => {
    expect(getBlockDefinition('netsuite_suiteql')?.title).toBe('SuiteQL Query');
  });

  it('reads every page of a join with GROUP BY and returns typed rows, with either auth mode', async () => {
    const out = await run({ connectionId: tbaConnection, query: perOrder, pageSize: 7 });
    const orders = [...account.orders.values()];
    expect(out.count).toBe(40);
    expect(out.truncated).toBe(false);
    expect(out.columns).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'tranid', type: 'string' },
      { name: 'vendor', type: 'string' },
      { name: 'trandate', type: 'date' },
      { name: 'lines', type: 'integer' },
      { name: 'amount', type: 'number' },
    ]);
    const first = orders[0];
    expect(out.rows[0]).toEqual({
      id: first?.id,
      tranid: first?.tranId,
      vendor: account.vendors.get(first?.entityId ?? '')?.name,
      trandate: first?.tranDate,
      lines: first?.lines.length,
      amount: expect.closeTo(first?.lines.reduce((s, l) => s + l.quantity * l.rate, 0) ?? 0, 6),
    });
    const before = sim.stats().byKind.token ?? 0;
    const viaM2m = await run({ connectionId: m2mConnection, query: perOrder, pageSize: 7 });
    expect(viaM2m.rows).toEqual(out.rows);
    expect((sim.stats().byKind.token ?? 0) - before).toBe(1);
  });

  it('binds values to ? placeholders, applies declared column types and limits', async () => {
    const ids = [...account.orders.keys()].slice(10, 13);
    const out = await run({ connectionId: tbaConnection, query: 'SELECT t.id, t.tranid FROM transaction t WHERE t.id IN (?, ?, ?) ORDER BY t.id', params: ids.join('\n'), columnTypes: 'id=string' });
    expect(out.rows).toEqual(ids.map((id) => ({ id: String(id), tranid: account.orders.get(id)?.tranId })));
    // A value cannot rewrite the query: it is bound, not spliced.
    const sneaky = await run({ connectionId: tbaConnection, query: 'SELECT COUNT(*) AS n FROM transaction t WHERE t.tranid = ?', params: ["x' OR 'a' = 'a"] });
    expect(sneaky.rows).toEqual([{ n: 0 }]);
    const few = await run({ connectionId: tbaConnection, query: 'SELECT id FROM transaction ORDER BY id', limit: 5 });
    expect(few.count).toBe(5);
    const test = await run({ connectionId: tbaConnection, query: 'SELECT id FROM transaction ORDER BY id' }, ctx({ mode: 'test', testRecordLimit: 3 }));
    expect(test.rows.map((r) => r.id)).toEqual([...account.orders.keys()].slice(0, 3));
  });

  it('resumes after the last saved page when a run fails part-way', async () => {
    const saved: unknown[] = [];
    const query = 'SELECT id, tranid FROM transaction ORDER BY id';
    // After the second page is saved, NetSuite fails the next requests past the retry budget.
    const failing = ctx({ saved, onAppend: (n) => n === 2 && sim.injectFaults({ status: 500 }, { status: 500 }) });
    const e = await run({ connectionId: tbaConnection, query, pageSize: 10 }, failing).then(() => null, (x: unknown) => x);
    expect(isPatchbayError(e) && e.code).toBe('server_error');
    expect(saved).toHaveLength(2);
    const before = sim.stats().byKind.suiteql ?? 0;
    const resumed = await run({ connectionId: tbaConnection, query, pageSize: 10 }, ctx({ saved }));
    expect(resumed.rows.map((r) => r.id)).toEqual([...account.orders.keys()]);
    expect((sim.stats().byKind.suiteql ?? 0) - before).toBe(2);
  });

  it('explains bad column types and a query NetSuite refuses', async () => {
    await expect(run({ connectionId: tbaConnection, query: 'SELECT id FROM transaction', columnTypes: 'id=money' })).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(run({ connectionId: tbaConnection, query: 'SELECT tranid FROM transaction', columnTypes: 'tranid=integer' })).rejects.toThrow(/declared integer/);
    await expect(run({ connectionId: tbaConnection, query: 'SELECT nope FROM transaction' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(netsuiteSuiteqlBlock.configSchema.safeParse({ connectionId: 'c', query: '' }).success).toBe(false);
  });
});
