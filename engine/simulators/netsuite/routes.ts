import { catalogRoot, purchaseOrderSchema } from './metadata';
import type { SimAccount, SimOrder } from './model';
import { invalidParameter, nonexistentId, nsError, NsHttpError } from './ns-errors';
import { compileQ } from './q-filter';
import { recordUrl, renderOrder } from './render';
import { SqlError, parseSql } from './sql-parse';
import { executeQuery, type OutputRow } from './sql-exec';
import { applyBody, createOrder, findByExternalId } from './writes';
import { parseJson } from '../../api/safe-json';

// Request handlers for the authenticated API surface. Each returns a Reply; the server adds
// latency, faults and the concurrency gate around them.

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface RouteContext {
  readonly account: SimAccount;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** scheme://host:port, as the client addressed the server. */
  readonly base: string;
  readonly nowMs: number;
  readonly suiteqlRowCap: number;
  readonly queryCache: Map<string, { version: number; rows: OutputRow[] }>;
  count(kind: string): void;
}

const json = (status: number, body: unknown, type: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': `application/vnd.oracle.resource+json; type=${type}`, ...headers },
  body: JSON.stringify(body),
});

export function errorReply(e: NsHttpError): Reply {
  return json(e.status, e.body, 'error', { ...e.headers });
}

const noContent = (location: string): Reply => ({ status: 204, headers: { Location: location } });

function paging(query: URLSearchParams, defaultLimit = 1000): { limit: number; offset: number } {
  const limitText = query.get('limit');
  const offsetText = query.get('offset');
  const limit = limitText === null ? defaultLimit : Number(limitText);
  const offset = offsetText === null ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw invalidParameter(`Invalid query parameter value: limit. The value must be a whole number between 1 and 1000.`, 'limit');
  }
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameter('Invalid query parameter value: offset.', 'offset');
  if (offset % limit !== 0) throw invalidParameter('Invalid query parameter value: offset. The offset must be divisible by the limit.', 'offset');
  return { limit, offset };
}

function pageLinks(url: string, limit: number, offset: number, total: number, extra: URLSearchParams): Array<{ rel: string; href: string }> {
  const href = (o: number): string => {
    const q = new URLSearchParams(extra);
    q.set('limit', String(limit));
    q.set('offset', String(o));
    return `${url}?${q.toString()}`;
  };
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [];
  if (offset > 0) links.push({ rel: 'prev', href: href(Math.max(0, offset - limit)) });
  links.push({ rel: 'first', href: href(0) });
  if (offset + limit < total) links.push({ rel: 'next', href: href(offset + limit) });
  links.push({ rel: 'last', href: href(last) }, { rel: 'self', href: href(offset) });
  return links;
}

function findOrder(account: SimAccount, idText: string): SimOrder {
  const decoded = decodeURIComponent(idText);
  const order = decoded.startsWith('eid:') ? findByExternalId(account, decoded.slice(4)) : account.orders.get(Number(decoded));
  if (!order || (!decoded.startsWith('eid:') && !/^\d+$/.test(decoded))) throw nonexistentId();
  return order;
}

export function listOrders(ctx: RouteContext): Reply {
  ctx.count('list');
  const { limit, offset } = paging(ctx.query);
  // Without SuiteAnalytics Connect a collection yields at most 100,000 results (1,000 pages).
  if (offset >= 100_000) throw invalidParameter('Invalid query parameter value: offset. At most 100000 results can be retrieved.', 'offset');
  const q = ctx.query.get('q');
  const pred = q ? compileQ(q, ctx.account) : () => true;
  const ids: number[] = [];
  for (const o of ctx.account.orders.values()) if (pred(o)) ids.push(o.id);
  ids.sort((a, b) => a - b);
  const total = Math.min(ids.length, 100_000);
  const slice = ids.slice(offset, Math.min(offset + limit, total));
  const url = recordUrl(ctx.base, 'purchaseOrder');
  const extra = new URLSearchParams();
  if (q) extra.set('q', q);
  return json(
    200,
    {
      links: pageLinks(url, limit, offset, total, extra),
      count: slice.length,
      hasMore: offset + slice.length < total,
      offset,
      totalResults: total,
      items: slice.map((id) => ({ links: [{ rel: 'self', href: recordUrl(ctx.base, 'purchaseOrder', id) }], id: String(id) })),
    },
    'collection',
  );
}

export function getOrder(ctx: RouteContext, idText: string): Reply {
  ctx.count('get');
  const order = findOrder(ctx.account, idText);
  const fieldsText = ctx.query.get('fields');
  const body = renderOrder(ctx.account, order, {
    base: ctx.base,
    expand: ctx.query.get('expandSubResources') === 'true',
    simpleEnum: ctx.query.get('simpleEnumFormat') === 'true',
    fields: fieldsText ? new Set(fieldsText.split(',').map((s) => s.trim()).filter(Boolean)) : undefined,
  });
  return json(200, body, 'singular');
}

function parseJsonBody(text: string): Record<string, unknown> {
  try {
    const v: unknown = parseJson(text || '{}', 'The request body');
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the INVALID_CONTENT below
  }
  throw nsError(400, 'INVALID_CONTENT', 'Invalid content in the request body: the body must be a JSON object.');
}

function replaceSet(ctx: RouteContext): Set<string> {
  return new Set((ctx.query.get('replace') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

export function patchOrder(ctx: RouteContext, idText: string): Reply {
  ctx.count('patch');
  const order = findOrder(ctx.account, idText);
  const draft = structuredClone(order);
  applyBody(ctx.account, draft, parseJsonBody(ctx.body), replaceSet(ctx), ctx.nowMs);
  ctx.account.orders.set(order.id, draft);
  return noContent(recordUrl(ctx.base, 'purchaseOrder', order.id));
}

export function createOrderRoute(ctx: RouteContext): Reply {
  ctx.count('post');
  const order = createOrder(ctx.account, parseJsonBody(ctx.body), ctx.nowMs);
  return noContent(recordUrl(ctx.base, 'purchaseOrder', order.id));
}

export function upsertOrder(ctx: RouteContext, idText: string): Reply {
  ctx.count('put');
  const decoded = decodeURIComponent(idText);
  if (!decoded.startsWith('eid:')) {
    throw nsError(405, 'INVALID_REQUEST', 'PUT is only supported with an external id (eid:<externalId>).');
  }
  const externalId = decoded.slice(4);
  const body = parseJsonBody(ctx.body);
  const existing = findByExternalId(ctx.account, externalId);
  if (existing) {
    const draft = structuredClone(existing);
    applyBody(ctx.account, draft, { ...body, externalId }, replaceSet(ctx), ctx.nowMs);
    ctx.account.orders.set(existing.id, draft);
    return noContent(recordUrl(ctx.base, 'purchaseOrder', existing.id));
  }
  const created = createOrder(ctx.account, body, ctx.nowMs, externalId);
  return noContent(recordUrl(ctx.base, 'purchaseOrder', created.id));
}

export function deleteOrder(ctx: RouteContext, idText: string): Reply {
  ctx.count('delete');
  const order = findOrder(ctx.account, idText);
  ctx.account.orders.delete(order.id);
  ctx.account.version++;
  return { status: 204, headers: {} };
}

export function metadata(ctx: RouteContext, recordType: string | undefined): Reply {
  ctx.count('metadata');
  if (recordType === undefined) return json(200, catalogRoot(ctx.base), 'collection');
  if (recordType.toLowerCase() !== 'purchaseorder') throw nsError(404, 'NONEXISTENT_ID', `Record type '${recordType}' does not exist in the metadata catalog.`);
  const accept = String(ctx.headers.accept ?? '');
  const schema = purchaseOrderSchema(ctx.account);
  if (accept.includes('swagger+json')) {
    return { status: 200, headers: { 'Content-Type': 'application/swagger+json' }, body: JSON.stringify({ openapi: '3.0.1', components: { schemas: { purchaseOrder: schema } } }) };
  }
  return { status: 200, headers: { 'Content-Type': 'application/schema+json' }, body: JSON.stringify(schema) };
}

export function suiteql(ctx: RouteContext): Reply {
  ctx.count('suiteql');
  const prefer = String(ctx.headers.prefer ?? '').toLowerCase();
  // Oracle documents `Prefer: transient` as required; the exact refusal is unconfirmed (reference §8).
  if (!prefer.includes('transient')) throw nsError(400, 'INVALID_REQUEST', 'The request header "Prefer: transient" is required for SuiteQL queries.');
  const { limit, offset } = paging(ctx.query);
  const body = parseJsonBody(ctx.body);
  if (typeof body.q !== 'string' || body.q.trim() === '') throw invalidParameter('Invalid query: the body must contain "q" with a SuiteQL statement.');
  const params = Array.isArray(body.params) ? body.params : [];
  const key = `${body.q}\u0000${JSON.stringify(params)}`;
  let rows = ctx.queryCache.get(key);
  if (!rows || rows.version !== ctx.account.version) {
    try {
      rows = { version: ctx.account.version, rows: executeQuery(parseSql(body.q, params), ctx.account) };
    } catch (e) {
      if (e instanceof SqlError) {
        throw invalidParameter(`Invalid search query. Detailed unprocessed description follows. Search error occurred: ${e.message}`);
      }
      throw e;
    }
    if (ctx.queryCache.size >= 16) ctx.queryCache.delete(ctx.queryCache.keys().next().value as string);
    ctx.queryCache.set(key, rows);
  } else {
    // Least-recently used goes first: a long-paged header query must outlive its line queries.
    ctx.queryCache.delete(key);
    ctx.queryCache.set(key, rows);
  }
  // At most 100,000 rows per query: clients page past it with `id > last` (reference §4).
  const total = Math.min(rows.rows.length, ctx.suiteqlRowCap);
  if (offset >= total && offset > 0) {
    throw invalidParameter(`Invalid query parameter value: offset. The query returns ${total} rows.`, 'offset');
  }
  const items = rows.rows.slice(offset, Math.min(offset + limit, total));
  const url = `${ctx.base}/services/rest/query/v1/suiteql`;
  return json(
    200,
    {
      links: pageLinks(url, limit, offset, total, new URLSearchParams()),
      count: items.length,
      hasMore: offset + items.length < total,
      offset,
      totalResults: total,
      items,
    },
    'collection',
  );
}
