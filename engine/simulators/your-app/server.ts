import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJson } from '../../api/safe-json';
import { yourAppOpenApi } from './openapi';

// The vendor's own sample API ("Your App"): receives purchase orders from the Order Sync
// workflows and ships them, so the write-back workflow has tracking numbers to send to NetSuite.
// Idempotency-Key is honoured: a repeated key replays the first answer and counts a duplicate.

export interface YourAppOrder {
  readonly id: string;
  readonly external_order_id: string;
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly body: Record<string, unknown>;
}

export interface Shipment {
  readonly shipment_id: string;
  readonly order_id: string;
  readonly external_order_id: string;
  readonly carrier: string;
  readonly tracking_number: string;
  readonly shipped_at: string;
}

/** One order accepted by POST /orders, with the Idempotency-Key it came with (null: none). */
export interface YourAppDelivery {
  readonly external_order_id: string;
  readonly idempotencyKey: string | null;
}

export interface YourAppStats {
  ordersReceived: number;
  ordersCreated: number;
  ordersUpdated: number;
  duplicates: number;
  requests: number;
  unauthorized: number;
}

export interface YourAppSimulatorOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Without one, a random key is generated (read it from the returned object). */
  readonly apiKey?: string | undefined;
  /** Each order ships this long after it is first received (default: immediately). */
  readonly shipAfterMs?: number | undefined;
  readonly now?: (() => number) | undefined;
  /**
   * Treat every POST as new, whatever its Idempotency-Key: a receiver that cannot de-duplicate,
   * so tests can prove the engine delivers each order once on its own.
   */
  readonly ignoreIdempotencyKey?: boolean | undefined;
  /**
   * Accept the Nth order received (1-based) but never answer it, calling `held` with its
   * external id: a test kills the sender then, right after its delivery took effect and before it
   * could record that it did.
   */
  readonly holdReply?: { readonly order: number; held(externalOrderId: string): void } | undefined;
}

export interface YourAppSimulator {
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  stats(): YourAppStats;
  orders(): YourAppOrder[];
  /** The latest order writes accepted (up to 100,000), in order (a replayed duplicate key is not one). */
  deliveries(): readonly YourAppDelivery[];
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

/** Deterministic: the same order always gets the same tracking number. */
export function trackingNumberFor(externalOrderId: string): string {
  return `1Z${createHash('sha256').update(externalOrderId).digest('hex').slice(0, 16).toUpperCase()}`;
}

export async function startYourAppSimulator(opts: YourAppSimulatorOptions = {}): Promise<YourAppSimulator> {
  const apiKey = opts.apiKey ?? `ya_${randomBytes(18).toString('hex')}`;
  const now = opts.now ?? Date.now;
  const shipAfter = opts.shipAfterMs ?? 0;
  const orders = new Map<string, YourAppOrder>();
  const byKey = new Map<string, Reply>();
  const deliveries: YourAppDelivery[] = [];
  const MAX_DELIVERIES = 100_000;
  const stats: YourAppStats = { ordersReceived: 0, ordersCreated: 0, ordersUpdated: 0, duplicates: 0, requests: 0, unauthorized: 0 };
  let nextId = 1;

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization;
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : String(req.headers['x-api-key'] ?? '');
    const a = Buffer.from(given);
    const b = Buffer.from(apiKey);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const error = (status: number, code: string, message: string, field?: string): Reply => ({ status, body: { error: { code, message, ...(field ? { field } : {}) } } });

  const postOrder = (req: IncomingMessage, raw: string): Reply => {
    const key = req.headers['idempotency-key'];
    const idemKey = !opts.ignoreIdempotencyKey && typeof key === 'string' && key.length > 0 ? key : undefined;
    if (idemKey) {
      const earlier = byKey.get(idemKey);
      if (earlier) {
        stats.duplicates++;
        return earlier;
      }
    }
    let body: unknown;
    try {
      body = parseJson(raw, 'The request body');
    } catch {
      return error(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return error(422, 'validation_failed', 'The order must be a JSON object.');
    const rec = body as Record<string, unknown>;
    const ext = rec.external_order_id;
    if (typeof ext !== 'string' && typeof ext !== 'number') return error(422, 'validation_failed', 'external_order_id is required.', 'external_order_id');
    stats.ordersReceived++;
    deliveries.push({ external_order_id: String(ext), idempotencyKey: typeof key === 'string' && key.length > 0 ? key : null });
    // The demo sandbox runs as long as the app: keep the log bounded, dropping the oldest in bulk.
    if (deliveries.length > MAX_DELIVERIES) deliveries.splice(0, deliveries.length - MAX_DELIVERIES + 10_000);
    const at = new Date(now()).toISOString();
    const existing = orders.get(String(ext));
    const order: YourAppOrder = existing
      ? { ...existing, updatedAt: at, body: rec }
      : { id: `ord_${String(nextId++).padStart(6, '0')}`, external_order_id: String(ext), receivedAt: at, updatedAt: at, body: rec };
    orders.set(order.external_order_id, order);
    if (existing) stats.ordersUpdated++;
    else stats.ordersCreated++;
    const reply: Reply = { status: existing ? 200 : 201, body: { id: order.id, external_order_id: order.external_order_id, created: !existing } };
    if (idemKey) byKey.set(idemKey, reply);
    return reply;
  };

  const shipments = (since: string | null): Shipment[] => {
    const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    const nowMs = now();
    const out: Shipment[] = [];
    for (const o of orders.values()) {
      const shippedMs = Date.parse(o.receivedAt) + shipAfter;
      if (shippedMs > nowMs || !(shippedMs > sinceMs)) continue;
      out.push({
        shipment_id: `shp_${o.id.slice(4)}`,
        order_id: o.id,
        external_order_id: o.external_order_id,
        carrier: 'UPS',
        tracking_number: trackingNumberFor(o.external_order_id),
        shipped_at: new Date(shippedMs).toISOString(),
      });
    }
    return out.sort((a, b) => a.shipped_at.localeCompare(b.shipped_at) || a.order_id.localeCompare(b.order_id));
  };

  const handle = (req: IncomingMessage, raw: string): Reply => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return { status: 200, body: { ok: true } };
    // The API description is public, as most vendors publish theirs.
    if (url.pathname === '/openapi.json' && req.method === 'GET') return { status: 200, body: yourAppOpenApi };
    stats.requests++;
    if (!authorized(req)) {
      stats.unauthorized++;
      return error(401, 'unauthorized', 'Send the API key as "Authorization: Bearer <key>" or "X-API-Key".');
    }
    if (url.pathname === '/orders' && req.method === 'POST') return postOrder(req, raw);
    if (url.pathname === '/orders' && req.method === 'GET') {
      // Lookup by the caller's own reference, as vendor APIs commonly offer.
      const ext = url.searchParams.get('external_order_id');
      const matching = ext === null ? [...orders.values()] : [orders.get(ext)].filter((o): o is YourAppOrder => o !== undefined);
      const list = matching.map((o) => ({ id: o.id, external_order_id: o.external_order_id, received_at: o.receivedAt, updated_at: o.updatedAt, ...o.body }));
      return { status: 200, body: { orders: list, count: list.length } };
    }
    if (url.pathname === '/shipments' && req.method === 'GET') {
      const since = url.searchParams.get('since');
      if (since !== null && Number.isNaN(Date.parse(since))) return error(400, 'invalid_since', 'since must be an ISO date-time.', 'since');
      const list = shipments(since);
      return { status: 200, body: { shipments: list, count: list.length } };
    }
    if (url.pathname === '/stats' && req.method === 'GET') return { status: 200, body: { ...stats, orders: orders.size } };
    return error(404, 'not_found', `No route for ${req.method} ${url.pathname}.`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const before = stats.ordersReceived;
      const reply = handle(req, Buffer.concat(chunks).toString('utf8'));
      const hold = opts.holdReply;
      if (hold && before < hold.order && stats.ordersReceived === hold.order) {
        hold.held(deliveries[deliveries.length - 1]?.external_order_id ?? '');
        return;
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    apiKey,
    stats: () => ({ ...stats }),
    orders: () => [...orders.values()],
    deliveries: () => [...deliveries],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
