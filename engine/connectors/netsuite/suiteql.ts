import { PatchbayError } from '../../errors/patchbay-error';
import { checkPageSize, maxPageSize } from './records';
import type { NetSuiteTransport } from './transport';
import type { JsonObject } from './types';

// SuiteQL (reference §4): POST with `Prefer: transient`, limit/offset in the (signed) query,
// string-valued lowercase columns, and at most 100,000 rows per query; past that, page by key.

export const suiteqlPath = '/services/rest/query/v1/suiteql';
export const suiteqlRowCap = 100_000;

export type SuiteQlRow = Readonly<Record<string, string>>;

export interface SuiteQlPage {
  readonly rows: readonly SuiteQlRow[];
  readonly offset: number;
  readonly hasMore: boolean;
  readonly totalResults: number;
}

export async function suiteqlPage(
  transport: NetSuiteTransport,
  sql: string,
  opts: { limit: number; offset: number; params?: readonly string[] | undefined; signal?: AbortSignal | undefined },
): Promise<SuiteQlPage> {
  checkPageSize(opts.limit);
  const res = await transport.send({
    method: 'POST',
    path: suiteqlPath,
    query: { limit: opts.limit, offset: opts.offset },
    body: opts.params && opts.params.length > 0 ? { q: sql, params: opts.params } : { q: sql },
    headers: { Prefer: 'transient' },
    // A query reads only; repeating it is harmless.
    idempotent: true,
    signal: opts.signal,
  });
  const body = res.body;
  if (typeof body !== 'object' || body === null || !Array.isArray((body as JsonObject).items)) {
    throw new PatchbayError('invalid_response', 'NetSuite answered a SuiteQL query without an "items" array.', { status: res.status });
  }
  const rec = body as JsonObject;
  const rows = (rec.items as unknown[]).map(toRow);
  return {
    rows,
    offset: opts.offset,
    hasMore: rec.hasMore === true,
    totalResults: typeof rec.totalResults === 'number' ? rec.totalResults : rows.length,
  };
}

// Column names repeat on every row: lowercase each distinct one once.
const lowerKeys = new Map<string, string>();
const lower = (k: string): string => {
  let v = lowerKeys.get(k);
  if (v === undefined) {
    v = k.toLowerCase();
    if (lowerKeys.size < 10_000) lowerKeys.set(k, v);
  }
  return v;
};

function toRow(item: unknown): SuiteQlRow {
  const out: Record<string, string> = {};
  if (typeof item !== 'object' || item === null) return out;
  const rec = item as Record<string, unknown>;
  for (const k in rec) {
    const v = rec[k];
    if (k === 'links' || v === null || v === undefined) continue;
    out[lower(k)] = typeof v === 'string' ? v : String(v);
  }
  return out;
}

export interface PagingOptions {
  readonly pageSize?: number | undefined;
  readonly params?: readonly string[] | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Rows one query may return (NetSuite: 100,000). */
  readonly rowCap?: number | undefined;
}

/** Offset paging of one query, stopping at the cap (callers needing more use keysetPages). */
export async function* offsetPages(transport: NetSuiteTransport, sql: string, opts: PagingOptions = {}): AsyncGenerator<SuiteQlPage> {
  const limit = checkPageSize(opts.pageSize ?? maxPageSize);
  const cap = opts.rowCap ?? suiteqlRowCap;
  for (let offset = 0; offset < cap; offset += limit) {
    const page = await suiteqlPage(transport, sql, { limit, offset, params: opts.params, signal: opts.signal });
    yield page;
    if (!page.hasMore || page.rows.length === 0) return;
  }
}

/**
 * Keyset paging: `buildSql(afterId)` must filter `id > afterId` (when given) and ORDER BY id.
 * Each window is offset-paged up to the cap; a window that reached the cap continues from its
 * last id, so any number of rows can be read.
 */
export async function* keysetPages(
  transport: NetSuiteTransport,
  buildSql: (afterId: string | null) => string,
  opts: PagingOptions & { idColumn?: string; afterId?: string | null } = {},
): AsyncGenerator<SuiteQlPage & { lastId: string | null }> {
  const cap = opts.rowCap ?? suiteqlRowCap;
  const idColumn = opts.idColumn ?? 'id';
  let afterId = opts.afterId ?? null;
  for (;;) {
    let inWindow = 0;
    let lastId: string | null = afterId;
    for await (const page of offsetPages(transport, buildSql(afterId), opts)) {
      inWindow += page.rows.length;
      const last = page.rows[page.rows.length - 1];
      if (last?.[idColumn] !== undefined) lastId = last[idColumn] ?? lastId;
      yield { ...page, lastId };
    }
    if (inWindow < cap || lastId === afterId) return;
    afterId = lastId;
  }
}
