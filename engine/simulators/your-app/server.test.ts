import { afterEach, describe, expect, it } from 'vitest';
import { startYourAppSimulator, trackingNumberFor, type YourAppSimulator } from './server';

let app: YourAppSimulator | undefined;
afterEach(() => app?.close());

describe('Your App simulator', () => {
  it('creates or updates orders by external_order_id and refuses repeated Idempotency-Keys, counting them', async () => {
    app = await startYourAppSimulator({ apiKey: 'key-1' });
    const post = (body: unknown, key?: string) =>
      fetch(`${app?.url}/orders`, { method: 'POST', headers: { Authorization: 'Bearer key-1', ...(key ? { 'Idempotency-Key': key } : {}) }, body: JSON.stringify(body) });
    expect((await post({ external_order_id: 'PO1', total: 1 }, 'k1')).status).toBe(201);
    const replay = await post({ external_order_id: 'PO1', total: 1 }, 'k1');
    expect(replay.status).toBe(201);
    expect((await post({ external_order_id: 'PO1', total: 2 }, 'k2')).status).toBe(200);
    expect((await post({ total: 3 })).status).toBe(422);
    const stats = await (await fetch(`${app.url}/stats`, { headers: { 'X-API-Key': 'key-1' } })).json();
    expect(stats).toMatchObject({ ordersReceived: 2, ordersCreated: 1, ordersUpdated: 1, duplicates: 1, orders: 1 });
    const list = (await (await fetch(`${app.url}/orders`, { headers: { Authorization: 'Bearer key-1' } })).json()) as { orders: unknown[] };
    expect(list.orders[0]).toMatchObject({ external_order_id: 'PO1', total: 2 });
  });

  it('requires the API key', async () => {
    app = await startYourAppSimulator({ apiKey: 'key-2' });
    expect((await fetch(`${app.url}/orders`)).status).toBe(401);
    expect((await fetch(`${app.url}/orders`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('ships received orders with deterministic tracking numbers, filtered by since', async () => {
    let clock = Date.parse('2025-05-01T10:00:00Z');
    app = await startYourAppSimulator({ apiKey: 'k', shipAfterMs: 60_000, now: () => clock });
    const h = { Authorization: 'Bearer k' };
    await fetch(`${app.url}/orders`, { method: 'POST', headers: h, body: JSON.stringify({ external_order_id: 'PO7' }) });
    const ship = async (since?: string): Promise<unknown[]> =>
      ((await (await fetch(`${app?.url}/shipments${since ? `?since=${since}` : ''}`, { headers: h })).json()) as { shipments: unknown[] }).shipments;
    expect(await ship()).toEqual([]);
    clock += 61_000;
    const shipped = await ship();
    expect(shipped).toEqual([expect.objectContaining({ external_order_id: 'PO7', tracking_number: trackingNumberFor('PO7'), shipped_at: '2025-05-01T10:01:00.000Z' })]);
    expect(await ship('2025-05-01T10:01:00.000Z')).toEqual([]);
  });
});
