import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../../errors/patchbay-error';
import { createNetSuiteClientFactory } from '../../../connections/netsuite-factory';
import { ConnectionStore } from '../../../connections/store';
import { SecretBox } from '../../../secrets/envelope';
import { staticKeyProvider } from '../../../secrets/key-provider';
import { startNetSuiteSimulator, type NetSuiteSimulator } from '../../../simulators/netsuite';
import { openTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ServiceRegistry } from '../../services';
import { netsuiteFetchOrdersBlock } from '../netsuite-fetch-orders/netsuite-fetch-orders';
import { netsuiteGetOrderBlock } from '../netsuite-get-order/netsuite-get-order';
import { netsuiteClientFactoryKey } from './netsuite-shared';
import { netsuiteUpdateOrderBlock } from '../netsuite-update-order/netsuite-update-order';
import { netsuiteUpsertOrderBlock } from '../netsuite-upsert-order/netsuite-upsert-order';
import type { BlockContext, BlockDefinition } from '../types';

const secrets = { consumerKey: 'PLANTED-blk-ck-1', consumerSecret: 'PLANTED-blk-cs-2', tokenId: 'PLANTED-blk-tk-3', tokenSecret: 'PLANTED-blk-ts-4' };
let sim: NetSuiteSimulator;
let db: TestDatabase;
let services: ServiceRegistry;
let connectionId: string;
let badConnectionId: string;
const logs: unknown[] = [];

beforeAll(async () => {
  sim = await startNetSuiteSimulator({ accounts: [{ accountId: '5550001_SB1', ...secrets, orders: 30 }] });
  db = await openTestDatabase();
  const store = new ConnectionStore(db.database, await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 9))));
  connectionId = (await store.save({ name: 'Demo', kind: 'netsuite', values: { accountId: '5550001_SB1', ...secrets, baseUrl: sim.url } })).id;
  badConnectionId = (await store.save({ name: 'Wrong', kind: 'netsuite', values: { accountId: '5550001_SB1', ...secrets, tokenSecret: 'PLANTED-blk-wrong', baseUrl: sim.url } })).id;
  services = new ServiceRegistry();
  services.provide(netsuiteClientFactoryKey, createNetSuiteClientFactory(store, { baseDelayMs: 5, maxAttempts: 2 }));
});
afterAll(async () => {
  await db.close();
  await sim.close();
});

const state = new Map<string, unknown>();

function ctx(mode: 'live' | 'test', testRecordLimit: number | null = null): BlockContext {
  return {
    testRecordLimit,
    state: { get: (k) => state.get(k), set: (k, v) => state.set(k, v) },
    runId: 'run-1',
    blockId: 'b1',
    iteration: null,
    mode,
    signal: new AbortController().signal,
    installation: null,
    services,
    idempotencyKey: 'run-1:b1',
    log: (level, message, data) => logs.push({ level, message, data }),
    setVariable: () => undefined,
  };
}

/** Validates the config the way the runtime does, then runs the block. */
async function run<C>(block: BlockDefinition<C>, config: Record<string, unknown>, mode: 'live' | 'test' = 'live', testRecordLimit: number | null = null): Promise<unknown> {
  const parsed = block.configSchema.parse(config);
  return (await block.execute(parsed, ctx(mode, testRecordLimit))).output;
}

describe('NetSuite blocks', () => {
  it('fetches orders by SuiteQL with a watermark, and by the record API with a limit', async () => {
    const all = (await run(netsuiteFetchOrdersBlock, { connectionId })) as { orders: Array<{ lastModifiedDate: string }>; count: number; watermark: string };
    expect(all.count).toBe(30);
    const since = [...all.orders.map((o) => o.lastModifiedDate)].sort()[20] as string;
    const recent = (await run(netsuiteFetchOrdersBlock, { connectionId, modifiedSince: since })) as { count: number; watermark: string };
    expect(recent.count).toBe(10);
    expect(recent.watermark).toBe(all.watermark);
    const few = (await run(netsuiteFetchOrdersBlock, { connectionId, strategy: 'record', limit: 4 })) as { count: number };
    expect(few.count).toBe(4);
  });

  it('keeps a watermark: the next poll returns only what changed, re-reading the overlap without duplicates', async () => {
    const config = { connectionId, keepWatermark: true, overlapMinutes: 120 };
    const first = (await run(netsuiteFetchOrdersBlock, config)) as { count: number; watermark: string };
    expect(first.count).toBe(30);
    const quiet = (await run(netsuiteFetchOrdersBlock, config)) as { count: number; skippedAlreadyDelivered: number; watermark: string };
    expect(quiet.count).toBe(0);
    expect(quiet.skippedAlreadyDelivered).toBeGreaterThan(0);
    expect(quiet.watermark).toBe(first.watermark);
    await run(netsuiteUpdateOrderBlock, { connectionId, id: '1010', fields: { memo: 'changed by the vendor' } });
    const changed = (await run(netsuiteFetchOrdersBlock, config)) as { orders: Array<{ id: string; memo: string }> };
    expect(changed.orders.map((o) => [o.id, o.memo])).toEqual([['1010', 'changed by the vendor']]);
  });

  it('applies the test sync record limit', async () => {
    const few = (await run(netsuiteFetchOrdersBlock, { connectionId }, 'test', 3)) as { count: number };
    expect(few.count).toBe(3);
    const live = (await run(netsuiteFetchOrdersBlock, { connectionId, limit: 5 }, 'live', 3)) as { count: number };
    expect(live.count).toBe(5);
  });

  it('gets one order with its lines', async () => {
    const po = (await run(netsuiteGetOrderBlock, { connectionId, id: 1005 })) as { id: string; item: { items: unknown[] } };
    expect(po.id).toBe('1005');
    expect(po.item.items.length).toBeGreaterThan(0);
  });

  it('in test mode shows the exact PATCH instead of sending it; live mode writes', async () => {
    const before = sim.stats().byKind.patch ?? 0;
    const dry = await run(netsuiteUpdateOrderBlock, { connectionId, id: '1007', fields: { custbody_tracking_number: '1ZTEST' } }, 'test');
    expect(dry).toEqual({
      dryRun: true,
      request: {
        method: 'PATCH',
        url: `${sim.url}/services/rest/record/v1/purchaseOrder/1007`,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'OAuth [redacted]' },
        body: { custbody_tracking_number: '1ZTEST' },
      },
    });
    expect(sim.stats().byKind.patch ?? 0).toBe(before);
    expect(await run(netsuiteUpdateOrderBlock, { connectionId, id: '1007', fields: { custbody_tracking_number: '1ZLIVE' } })).toMatchObject({ id: '1007' });
    expect(((await run(netsuiteGetOrderBlock, { connectionId, id: '1007' })) as Record<string, unknown>).custbody_tracking_number).toBe('1ZLIVE');
  });

  it('upserts by external id, dry-run in test mode', async () => {
    const fields = { entity: { id: '505' }, item: { items: [{ item: { id: '80' }, quantity: 2 }] } };
    const dry = (await run(netsuiteUpsertOrderBlock, { connectionId, externalId: 'APP-1', fields }, 'test')) as { request: { method: string; url: string } };
    expect(dry.request).toMatchObject({ method: 'PUT', url: `${sim.url}/services/rest/record/v1/purchaseOrder/eid:APP-1` });
    const a = (await run(netsuiteUpsertOrderBlock, { connectionId, externalId: 'APP-1', fields })) as { id: string };
    const b = (await run(netsuiteUpsertOrderBlock, { connectionId, externalId: 'APP-1', fields: { memo: 'again' } })) as { id: string };
    expect(b.id).toBe(a.id);
  });

  it('fails with a stable code and no secret anywhere when the credentials are wrong', async () => {
    let caught: unknown;
    try {
      await run(netsuiteFetchOrdersBlock, { connectionId: badConnectionId });
    } catch (e) {
      caught = e;
    }
    expect(isPatchbayError(caught) && caught.code).toBe('auth_failed');
    // Nor in the database the credentials are kept in: they are sealed there.
    const seen = JSON.stringify({ caught: isPatchbayError(caught) ? caught.toPayload() : caught, logs }) + await db.storedText();
    for (const s of [...Object.values(secrets), 'PLANTED-blk-wrong']) expect(seen).not.toContain(s);
  });

  it('rejects configs without a connection or with a bad id before running', () => {
    expect(netsuiteGetOrderBlock.configSchema.safeParse({ connectionId: '', id: '1' }).success).toBe(false);
    expect(netsuiteGetOrderBlock.configSchema.safeParse({ connectionId: 'c', id: 'PO12' }).success).toBe(false);
    expect(netsuiteUpdateOrderBlock.configSchema.safeParse({ connectionId: 'c', id: '1', fields: {} }).success).toBe(false);
    // As written, templates stand in for ids and bodies; they are checked again once resolved.
    expect(netsuiteUpdateOrderBlock.configSchema.safeParse({ connectionId: 'c', id: '{{ item.id }}', fields: '{{ steps.map.output }}' }).success).toBe(true);
  });
});
