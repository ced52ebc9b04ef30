import { PatchbayError } from '../../errors/patchbay-error';
import { rfc3986 } from './signing';
import type { NetSuiteTransport, NsRequest, PreparedRequest } from './transport';
import type { JsonObject } from './types';

// The record service (reference §3, §5): collection paging, single GET, PATCH, POST, PUT eid:.

export const recordBase = '/services/rest/record/v1';
/** NetSuite's documented ceiling for `limit` on collections and SuiteQL pages. */
export const maxPageSize = 1000;

export interface IdPage {
  readonly ids: readonly string[];
  readonly offset: number;
  readonly totalResults: number;
  readonly hasMore: boolean;
}

export interface ListOptions {
  readonly q?: string | undefined;
  readonly pageSize?: number | undefined;
  /** Stop after this many ids. */
  readonly limit?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface WriteResult {
  readonly id: string;
  readonly location: string;
}

/** `purchaseOrder/123`, or `purchaseOrder/eid:ERP-1` for an external id. */
export function recordPath(recordType: string, id?: string, externalId?: string): string {
  if (externalId !== undefined) return `${recordBase}/${recordType}/eid:${rfc3986(externalId)}`;
  return id === undefined ? `${recordBase}/${recordType}` : `${recordBase}/${recordType}/${rfc3986(id)}`;
}

export function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new PatchbayError('bad_request', `Page size must be a whole number from 1 to ${maxPageSize} (NetSuite's limit); got ${pageSize}.`);
  }
  return pageSize;
}

/**
 * Pages through a collection. Offsets stay multiples of the page size (NetSuite refuses others)
 * and paging continues while `hasMore`, the way NetSuite's own clients do it.
 */
export async function* listIds(transport: NetSuiteTransport, recordType: string, opts: ListOptions = {}): AsyncGenerator<IdPage> {
  const pageSize = checkPageSize(opts.pageSize ?? maxPageSize);
  let offset = 0;
  let seen = 0;
  for (;;) {
    const res = await transport.send({
      method: 'GET',
      path: recordPath(recordType),
      query: { q: opts.q, limit: pageSize, offset },
      idempotent: true,
      signal: opts.signal,
    });
    const page = readCollection(res.body, transport, recordType);
    let ids = page.items.map((item) => item.id);
    if (opts.limit !== undefined && seen + ids.length > opts.limit) ids = ids.slice(0, Math.max(0, opts.limit - seen));
    seen += ids.length;
    const more = page.hasMore && (opts.limit === undefined || seen < opts.limit) && page.items.length > 0;
    yield { ids, offset, totalResults: page.totalResults, hasMore: more };
    if (!more) return;
    offset += page.items.length;
    if (offset % pageSize !== 0) offset = Math.ceil(offset / pageSize) * pageSize;
  }
}

interface Collection {
  readonly items: ReadonlyArray<{ id: string }>;
  readonly hasMore: boolean;
  readonly totalResults: number;
}

export function readCollection(body: unknown, transport: NetSuiteTransport, what: string): Collection {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as JsonObject).items)) {
    throw new PatchbayError('invalid_response', `NetSuite's ${what} list had no "items" array; the host may not be a NetSuite REST endpoint.`, {
      host: transport.baseUrl,
    });
  }
  const rec = body as JsonObject;
  const items = (rec.items as unknown[]).map((it) => {
    const id = typeof it === 'object' && it !== null ? (it as JsonObject).id : undefined;
    return { ...(it as JsonObject), id: typeof id === 'string' || typeof id === 'number' ? String(id) : '' };
  });
  return {
    items,
    hasMore: rec.hasMore === true,
    totalResults: typeof rec.totalResults === 'number' ? rec.totalResults : items.length,
  };
}

export interface GetOptions {
  readonly expandSubResources?: boolean | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly signal?: AbortSignal | undefined;
}

export async function getRecord(
  transport: NetSuiteTransport,
  recordType: string,
  id: string,
  opts: GetOptions = {},
): Promise<JsonObject> {
  const res = await transport.send({
    method: 'GET',
    path: recordPath(recordType, id),
    query: {
      expandSubResources: opts.expandSubResources ? true : undefined,
      fields: opts.fields && opts.fields.length > 0 ? opts.fields.join(',') : undefined,
    },
    idempotent: true,
    signal: opts.signal,
  });
  if (typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
    throw new PatchbayError('invalid_response', `NetSuite returned no record body for ${recordType} ${id}.`, { status: res.status });
  }
  return res.body as JsonObject;
}

export type WriteKind = 'update' | 'create' | 'upsert';

export interface WriteSpec {
  readonly kind: WriteKind;
  readonly recordType: string;
  readonly id?: string | undefined;
  readonly externalId?: string | undefined;
  readonly body: JsonObject;
  /** Sublists to replace rather than merge (`?replace=item`). */
  readonly replace?: readonly string[] | undefined;
}

export function writeRequest(spec: WriteSpec): Omit<NsRequest, 'idempotent' | 'signal'> {
  const query = spec.replace && spec.replace.length > 0 ? { replace: spec.replace.join(',') } : undefined;
  if (spec.kind === 'update') {
    if (!spec.id) throw new PatchbayError('bad_request', 'Updating a NetSuite record needs its internal id.');
    return { method: 'PATCH', path: recordPath(spec.recordType, spec.id), query, body: spec.body };
  }
  if (spec.kind === 'upsert') {
    if (!spec.externalId) throw new PatchbayError('bad_request', 'Upsert needs an external id (the record is addressed as eid:<externalId>).');
    return { method: 'PUT', path: recordPath(spec.recordType, undefined, spec.externalId), query, body: spec.body };
  }
  return { method: 'POST', path: recordPath(spec.recordType), query, body: spec.body };
}

export function prepareWrite(transport: NetSuiteTransport, spec: WriteSpec): PreparedRequest {
  return transport.prepare(writeRequest(spec));
}

/** PATCH/POST/PUT: NetSuite answers 204 with the record's URL in `Location`; the id is its last segment. */
export async function writeRecord(transport: NetSuiteTransport, spec: WriteSpec, signal?: AbortSignal): Promise<WriteResult> {
  // A POST create is not idempotent: a retry after a lost answer could create a duplicate, so only
  // 429s (refused before any work) are retried. PATCH and PUT eid: can be repeated safely.
  const res = await transport.send({ ...writeRequest(spec), idempotent: spec.kind !== 'create', signal });
  const location = res.headers.get('location') ?? '';
  const id = idFromLocation(location) ?? spec.id ?? (spec.externalId ? `eid:${spec.externalId}` : undefined);
  if (!id) {
    throw new PatchbayError('invalid_response', `NetSuite accepted the ${spec.recordType} but did not say where it is (no Location header).`, {
      status: res.status,
    });
  }
  return { id, location };
}

export function idFromLocation(location: string): string | undefined {
  const m = /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(location.trim());
  if (!m?.[1]) return undefined;
  const seg = decodeURIComponent(m[1]);
  return seg.startsWith('eid:') ? undefined : seg;
}
