import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetSuiteClientFactory } from '../../../connections/netsuite-factory';
import { ConnectionStore } from '../../../connections/store';
import type { PurchaseOrder } from '../../../connectors/netsuite/types';
import { SecretBox } from '../../../secrets/envelope';
import { staticKeyProvider } from '../../../secrets/key-provider';
import { startNetSuiteSimulator, type NetSuiteSimulator } from '../../../simulators/netsuite';
import { StateRepo } from '../../../storage/state-repo';
import { openTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ServiceRegistry } from '../../services';
import { netsuiteUpdateOrderBlock } from '../netsuite-update-order/netsuite-update-order';
import { netsuiteUpsertOrderBlock } from '../netsuite-upsert-order/netsuite-upsert-order';
import type { BlockContext, BlockDefinition } from '../types';
import { netsuiteClientFactoryKey } from './netsuite-shared';
import { isOwnEcho, ownWritesInState, ownWritesKey, type OwnWrites, type PollerView } from './own-writes';

const order = (id: string, lastModifiedDate: string): PurchaseOrder => ({ id, lastModifiedDate }) as PurchaseOrder;

describe('own writes', () => {
  it('are remembered per installation and connection in a real database, the latest write winning', async () => {
    const t = await openTestDatabase();
    try {
      const state = new StateRepo(t.database);
      const own = ownWritesInState(state);
      const po = (id: string) => ({ installationId: 'acme', connectionId: 'ns', recordType: 'purchaseOrder', id });
      await own.remember(po('1001'), { lastModifiedDate: '2026-11-30T10:41:07Z', basis: '2026-11-02T08:00:00Z' });
      await own.remember(po('1002'), { lastModifiedDate: '2026-11-30T10:41:08Z', basis: null });
      await own.remember(po('1001'), { lastModifiedDate: '2026-11-30T10:45:00Z', basis: '2026-11-30T10:44:10Z' });
      expect([...(await own.recall('acme', 'ns', 'purchaseOrder', ['1001', '1002', '1003']))]).toEqual([
        ['1001', { lastModifiedDate: '2026-11-30T10:45:00Z', basis: '2026-11-30T10:44:10Z' }],
        ['1002', { lastModifiedDate: '2026-11-30T10:41:08Z', basis: null }],
      ]);
      // Another customer's installation, or another account, did not write them.
      expect((await own.recall('globex', 'ns', 'purchaseOrder', ['1001'])).size).toBe(0);
      expect((await own.recall('acme', 'other-ns', 'purchaseOrder', ['1001'])).size).toBe(0);
      // A memory kept before the basis was recorded suppresses nothing.
      await state.write('acme:netsuite.ownWrite:ns:purchaseOrder:1004', { lastModifiedDate: '2026-11-30T10:41:07Z' });
      expect((await own.recall('acme', 'ns', 'purchaseOrder', ['1004'])).size).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('match an order still at the time our write left it, at the precision the order was read with', () => {
    const poller: PollerView = { since: '2026-11-30T10:30:00Z', overlapMinutes: 0, recent: {} };
    const ours = { lastModifiedDate: '2026-11-30T10:41:07Z', basis: '2026-11-02T08:00:00Z' };
    expect(isOwnEcho(order('1', '2026-11-30T10:41:07Z'), ours, poller, 'second')).toBe(true);
    // Someone else changed it two seconds later: SuiteQL tells them apart.
    expect(isOwnEcho(order('1', '2026-11-30T10:41:09Z'), ours, poller, 'second')).toBe(false);
    // The record API shows minutes: the same minute is taken for ours, the next one is not.
    expect(isOwnEcho(order('1', '2026-11-30T10:41:00Z'), ours, poller, 'minute')).toBe(true);
    expect(isOwnEcho(order('1', '2026-11-30T10:42:00Z'), ours, poller, 'minute')).toBe(false);
    expect(isOwnEcho(order('1', '2026-11-30T10:41:07Z'), undefined, poller, 'second')).toBe(false);
  });

  it('are echoes only if the poller had seen the order as it was before our write', () => {
    const at = '2026-11-30T10:41:07Z';
    const poller: PollerView = { since: '2026-11-30T10:30:00Z', overlapMinutes: 10, recent: { 7: '2026-11-30T10:25:00Z' } };
    const echo = (id: string, basis: string | null) => isOwnEcho(order(id, at), { lastModifiedDate: at, basis }, poller, 'second');
    // Changed before the overlap window: read by an earlier poll.
    expect(echo('1', '2026-11-30T10:19:59Z')).toBe(true);
    // Changed after the last poll by someone else, then written by us: theirs.
    expect(echo('1', '2026-11-30T10:35:00Z')).toBe(false);
    // Inside the overlap window: ours only if the poller delivered that very version.
    expect(echo('7', '2026-11-30T10:25:00Z')).toBe(true);
    expect(echo('8', '2026-11-30T10:25:00Z')).toBe(false);
    expect(echo('7', '2026-11-30T10:26:00Z')).toBe(false);
    // Our write created it: nothing before it to deliver.
    expect(echo('9', null)).toBe(true);
  });
});

describe('writes to NetSuite remember the last change before them that was not ours', () => {
  const secrets = { consumerKey: 'PLANTED-ow-ck-1', consumerSecret: 'PLANTED-ow-cs-2', tokenId: 'PLANTED-ow-tk-3', tokenSecret: 'PLANTED-ow-ts-4' };
  // NetSuite's clock, moved on between writes so their modification times are seconds apart.
  let offsetMs = 0;
  const tick = () => { offsetMs += 5000; };
  let sim: NetSuiteSimulator;
  let t: TestDatabase;
  let services: ServiceRegistry;
  let own: OwnWrites;
  let connectionId: string;

  beforeAll(async () => {
    sim = await startNetSuiteSimulator({ accounts: [{ accountId: '5550002_SB1', ...secrets, orders: 5 }], now: () => Date.now() + offsetMs });
    t = await openTestDatabase();
    const store = new ConnectionStore(t.database, await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 7))));
    connectionId = (await store.save({ name: 'Demo', kind: 'netsuite', values: { accountId: '5550002_SB1', ...secrets, baseUrl: sim.url } })).id;
    services = new ServiceRegistry();
    services.provide(netsuiteClientFactoryKey, createNetSuiteClientFactory(store, { baseDelayMs: 5, maxAttempts: 2 }));
    own = ownWritesInState(new StateRepo(t.database));
    services.provide(ownWritesKey, own);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  /** Runs a write block live, as Acme's installation or (no installation) as someone else. */
  async function write<C>(block: BlockDefinition<C>, config: Record<string, unknown>, installation: 'acme' | null): Promise<{ id: string; lastModifiedDate?: string }> {
    tick();
    const ctx: BlockContext = {
      runId: 'run-1', blockId: 'b1', iteration: null, mode: 'live', signal: new AbortController().signal,
      installation: installation === null ? null : { id: installation, customerName: 'Acme', config: {}, connections: {} },
      services, idempotencyKey: 'run-1:b1', log: () => undefined, setVariable: () => undefined,
    };
    return (await block.execute(block.configSchema.parse(config), ctx)).output as { id: string; lastModifiedDate?: string };
  }
  const recall = async (id: string) => (await own.recall('acme', connectionId, 'purchaseOrder', [id])).get(id);
  const modified = async (ref: string | { externalId: string }) => (await services.get(netsuiteClientFactoryKey)(connectionId)).transactionLastModified(ref);

  it('across several of our writes, and after a change by someone else in between', async () => {
    const id = '1001';
    const original = await modified(id);
    const first = await write(netsuiteUpdateOrderBlock, { connectionId, id, fields: { custbody_tracking_number: '1Z-1' } }, 'acme');
    expect(original).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(first.lastModifiedDate).not.toBe(original);
    expect(await recall(id)).toEqual({ lastModifiedDate: first.lastModifiedDate, basis: original });
    // Our second write before any poll: still last changed by someone else when it was `original`.
    const second = await write(netsuiteUpdateOrderBlock, { connectionId, id, fields: { custbody_tracking_number: '1Z-2' } }, 'acme');
    expect(await recall(id)).toEqual({ lastModifiedDate: second.lastModifiedDate, basis: original });
    // Someone else changes it, then we write again: their change is what a poller must have seen.
    await write(netsuiteUpdateOrderBlock, { connectionId, id, fields: { memo: 'Call before delivery' } }, null);
    const theirs = await modified(id);
    const third = await write(netsuiteUpdateOrderBlock, { connectionId, id, fields: { custbody_tracking_number: '1Z-3' } }, 'acme');
    expect(await recall(id)).toEqual({ lastModifiedDate: third.lastModifiedDate, basis: theirs });
  });

  it('by external id: an order our upsert created has nothing before it', async () => {
    const fields = { entity: { id: '505' }, item: { items: [{ item: { id: '80' }, quantity: 2 }] } };
    const created = await write(netsuiteUpsertOrderBlock, { connectionId, externalId: 'APP-7', fields }, 'acme');
    expect(await recall(created.id)).toEqual({ lastModifiedDate: created.lastModifiedDate, basis: null });
    await write(netsuiteUpdateOrderBlock, { connectionId, id: created.id, fields: { memo: 'Split the delivery' } }, null);
    const theirs = await modified({ externalId: 'APP-7' });
    expect(theirs).toMatch(/^\d{4}-\d\d-\d\dT/);
    const updated = await write(netsuiteUpsertOrderBlock, { connectionId, externalId: 'APP-7', fields: { memo: 'Split the delivery, agreed' } }, 'acme');
    expect(updated.id).toBe(created.id);
    expect(await recall(created.id)).toEqual({ lastModifiedDate: updated.lastModifiedDate, basis: theirs });
  });
});
