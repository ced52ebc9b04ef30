import { isPatchbayError, PatchbayError } from '../../errors/patchbay-error';
import { orderFromRows, stripLinks } from './normalize';
import { headerSql, linesSql } from './po-queries';
import { getRecord, listIds, maxPageSize } from './records';
import { keysetPages, suiteqlPage, type SuiteQlRow } from './suiteql';
import type { NetSuiteTransport } from './transport';
import type { CustomFieldInfo, PurchaseOrder } from './types';

// Fetching purchase orders, by SuiteQL (default: ~11 requests per 1,000 orders) or by the record
// API (1 list request per page plus one GET per order). Both yield the same normalised shape and a
// cursor after each page, so a paged fetch can checkpoint and resume.

export type FetchStrategy = 'suiteql' | 'record';

export interface FetchOrdersOptions {
  readonly strategy?: FetchStrategy | undefined;
  /** Only orders modified at or after this ISO date-time (a watermark). */
  readonly modifiedSince?: string | undefined;
  readonly pageSize?: number | undefined;
  /** Stop after this many orders (test syncs). */
  readonly limit?: number | undefined;
  /** Resume after this cursor (from a previous page). */
  readonly cursor?: string | null | undefined;
  readonly rowCap?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface OrderPage {
  readonly orders: readonly PurchaseOrder[];
  /** Opaque resume point: pass it back as `cursor` to continue after this page. */
  readonly cursor: string | null;
  /** Orders still to read after this page, when the query says (SuiteQL's totalResults); for progress. */
  readonly remaining?: number | undefined;
}

export async function* suiteqlOrderPages(
  transport: NetSuiteTransport,
  custom: readonly CustomFieldInfo[],
  opts: FetchOrdersOptions,
): AsyncGenerator<OrderPage> {
  const pageSize = Math.min(opts.pageSize ?? maxPageSize, opts.limit ?? maxPageSize, maxPageSize);
  const headers = keysetPages(transport, (afterId) => headerSql({ modifiedSince: opts.modifiedSince, afterId, custom }), {
    pageSize: Math.max(1, pageSize),
    rowCap: opts.rowCap,
    signal: opts.signal,
    afterId: opts.cursor ?? null,
  });
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  // Header pages are read one after another (keyset), but each page's lines load while the next
  // header page is fetched: two pages in flight keep the account's 5 slots busy under latency.
  const lookahead = 2;
  const pending: Promise<OrderPage>[] = [];
  let exhausted = false;
  for (;;) {
    while (!exhausted && pending.length < lookahead) {
      const r = await headers.next();
      if (r.done) {
        exhausted = true;
        break;
      }
      const rows = r.value.rows.slice(0, Math.min(r.value.rows.length, remaining));
      remaining -= rows.length;
      // What the query still holds after this page (a window past SuiteQL's row cap is not counted).
      const left = Math.max(0, Math.min(remaining, r.value.totalResults - r.value.offset - r.value.rows.length));
      if (remaining <= 0) {
        exhausted = true;
        void headers.return(undefined);
      }
      if (rows.length === 0) continue;
      const page = fetchLines(transport, rows.map((h) => h.id ?? ''), custom, opts.signal).then((lines) => ({
        orders: rows.map((h) => orderFromRows(h, lines.get(h.id ?? '') ?? [], custom)),
        cursor: rows[rows.length - 1]?.id ?? null,
        remaining: left,
      }));
      // Handled when awaited below; this only keeps Node from flagging it while headers load.
      page.catch(() => undefined);
      pending.push(page);
    }
    const next = pending.shift();
    if (!next) return;
    yield await next;
  }
}

async function fetchLines(
  transport: NetSuiteTransport,
  ids: readonly string[],
  custom: readonly CustomFieldInfo[],
  signal?: AbortSignal,
): Promise<Map<string, SuiteQlRow[]>> {
  const sql = linesSql(ids, custom);
  const first = await suiteqlPage(transport, sql, { limit: maxPageSize, offset: 0, signal });
  const rest: Promise<{ rows: readonly SuiteQlRow[] }>[] = [];
  if (first.hasMore) {
    for (let offset = maxPageSize; offset < first.totalResults; offset += maxPageSize) {
      rest.push(suiteqlPage(transport, sql, { limit: maxPageSize, offset, signal }));
    }
  }
  const byOrder = new Map<string, SuiteQlRow[]>();
  for (const page of [first, ...(await Promise.all(rest))]) {
    for (const row of page.rows) {
      const key = row.transaction ?? '';
      const list = byOrder.get(key);
      if (list) list.push(row);
      else byOrder.set(key, [row]);
    }
  }
  return byOrder;
}

/** `2025-03-01T…` → `3/1/2025`, the N/query date format `q` filters expect (reference §3a). */
function usDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** The failure that ended a record-API fetch, with the cursor to resume from in its details. */
function stoppedAt(reason: unknown, cursor: string, id: string): unknown {
  if (!isPatchbayError(reason)) return reason;
  const details = typeof reason.details === 'object' && reason.details !== null ? reason.details : {};
  return new PatchbayError(reason.code, `${reason.message} (purchase order ${id}; the fetch can resume from cursor ${cursor})`, { ...details, cursor, recordId: id });
}

export async function* recordOrderPages(transport: NetSuiteTransport, opts: FetchOrdersOptions): AsyncGenerator<OrderPage> {
  const since = opts.modifiedSince;
  const sinceMs = since ? Date.parse(since) : undefined;
  // `q` compares whole days; the exact watermark is applied to the fetched records below.
  const formats = since ? [usDate(since), new Date(since).toISOString().slice(0, 10)] : [undefined];
  const resumeAt = opts.cursor ? Number(opts.cursor) : 0;
  for (const [i, day] of formats.entries()) {
    const q = day === undefined ? undefined : `lastModifiedDate ON_OR_AFTER "${day}"`;
    let offset = resumeAt;
    try {
      let listed = 0;
      const limit = opts.limit === undefined ? undefined : opts.limit + resumeAt;
      // A limit smaller than a page asks for that many ids, not a full page of 1,000.
      const pageSize = limit === undefined ? opts.pageSize : Math.min(opts.pageSize ?? maxPageSize, limit);
      for await (const page of listIds(transport, 'purchaseOrder', { q, pageSize, limit, signal: opts.signal })) {
        // Resuming: skip ids delivered before the cursor (paging restarts at 0 so offsets stay page-aligned).
        const ids = page.ids.slice(Math.max(0, Math.min(page.ids.length, resumeAt - listed)));
        listed += page.ids.length;
        if (ids.length === 0) continue;
        const settled = await Promise.allSettled(
          ids.map((id) => getRecord(transport, 'purchaseOrder', id, { expandSubResources: true, signal: opts.signal })),
        );
        // A GET that failed after its retries ends the fetch, but the orders read before it in
        // this page are handed over first with a cursor just before it, so nothing fetched is
        // lost and a resumed fetch starts at the failed order.
        const failedAt = settled.findIndex((r) => r.status === 'rejected');
        const kept = failedAt === -1 ? settled : settled.slice(0, failedAt);
        const orders = kept
          .map((r) => stripLinks((r as PromiseFulfilledResult<unknown>).value) as PurchaseOrder)
          .filter((o) => sinceMs === undefined || Date.parse(String(o.lastModifiedDate ?? '')) >= sinceMs);
        offset += kept.length;
        if (failedAt !== -1) {
          if (kept.length > 0) yield { orders, cursor: String(offset) };
          throw stoppedAt((settled[failedAt] as PromiseRejectedResult).reason, String(offset), ids[failedAt] ?? '');
        }
        yield { orders, cursor: String(offset) };
      }
      return;
    } catch (e) {
      // Accounts whose date preference is not M/D/YYYY answer "Unparseable date"; try ISO once (as Airbyte does).
      const unparseable = isPatchbayError(e) && /unparseable date/i.test(e.message);
      if (!unparseable || i === formats.length - 1) throw e;
    }
  }
}
