import { fetchRecordSchema, customFieldsFromSchema } from './metadata';
import { recordOrderPages, suiteqlOrderPages, type FetchOrdersOptions, type OrderPage } from './fetch-orders';
import { isoFromSql, stripLinks } from './normalize';
import { getRecord, listIds, prepareWrite, writeRecord, type GetOptions, type IdPage, type ListOptions, type WriteResult, type WriteSpec } from './records';
import { offsetPages, suiteqlPage, suiteqlRowCap, type PagingOptions, type SuiteQlPage, type SuiteQlRow } from './suiteql';
import { NetSuiteTransport, type PreparedRequest } from './transport';
import type { CustomFieldInfo, JsonObject, NetSuiteClientOptions, NetSuiteCredentials, PurchaseOrder } from './types';

/** One NetSuite account, as blocks and the connection test see it. */
export class NetSuiteClient {
  readonly transport: NetSuiteTransport;
  private readonly customFieldCache = new Map<string, Promise<CustomFieldInfo[]>>();
  private readonly rowCap: number | undefined;

  constructor(creds: NetSuiteCredentials, opts: NetSuiteClientOptions = {}) {
    this.transport = new NetSuiteTransport(creds, opts);
    this.rowCap = opts.suiteqlRowCap;
  }

  get accountId(): string {
    return this.transport.accountId;
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  listIds(recordType: string, opts?: ListOptions): AsyncGenerator<IdPage> {
    return listIds(this.transport, recordType, opts);
  }

  get(recordType: string, id: string, opts?: GetOptions): Promise<JsonObject> {
    return getRecord(this.transport, recordType, id, opts);
  }

  /** A purchase order in the normalised shape (expanded, without links). */
  async getPurchaseOrder(id: string, signal?: AbortSignal): Promise<PurchaseOrder> {
    return stripLinks(await getRecord(this.transport, 'purchaseOrder', id, { expandSubResources: true, signal })) as PurchaseOrder;
  }

  write(spec: WriteSpec, signal?: AbortSignal): Promise<WriteResult> {
    return writeRecord(this.transport, spec, signal);
  }

  /** The request `write(spec)` would send, with the Authorization header redacted (test-mode dry runs). */
  prepareWrite(spec: WriteSpec): PreparedRequest {
    return prepareWrite(this.transport, spec);
  }

  /** All rows of a query, offset-paged up to NetSuite's per-query cap. */
  async suiteql(sql: string, opts: PagingOptions = {}): Promise<SuiteQlRow[]> {
    const rows: SuiteQlRow[] = [];
    for await (const page of offsetPages(this.transport, sql, { rowCap: this.rowCap, ...opts })) rows.push(...page.rows);
    return rows;
  }

  /** One page of a query: `offset` must be a multiple of `limit` (NetSuite's rule). */
  suiteqlPage(sql: string, opts: { limit: number; offset: number; params?: readonly string[] | undefined; signal?: AbortSignal | undefined }): Promise<SuiteQlPage> {
    return suiteqlPage(this.transport, sql, opts);
  }

  /**
   * A transaction's lastModifiedDate to the second, by SuiteQL (the record API shows it to the
   * minute; a write's 204 answer has no body to read it from), addressed by internal id or by
   * external id (an upsert's). Null when there is no such record.
   */
  async transactionLastModified(ref: string | { readonly externalId: string }, signal?: AbortSignal): Promise<string | null> {
    if (typeof ref === 'string' && !/^\d+$/.test(ref)) return null;
    const where = typeof ref === 'string' ? `t.id = ${ref}` : 't.externalid = ?';
    const sql = `SELECT TO_CHAR(t.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lastmodifieddate FROM transaction t WHERE ${where}`;
    const params = typeof ref === 'string' ? undefined : [ref.externalId];
    const page = await suiteqlPage(this.transport, sql, { limit: 1, offset: 0, params, signal });
    return isoFromSql(page.rows[0]?.lastmodifieddate) ?? null;
  }

  /** Rows one SuiteQL query may return before NetSuite stops it (100,000). */
  get suiteqlRowCap(): number {
    return this.rowCap ?? suiteqlRowCap;
  }

  /** Custom fields of a record type, from the metadata catalog; cached for the client's life. */
  customFields(recordType = 'purchaseOrder', signal?: AbortSignal): Promise<CustomFieldInfo[]> {
    let cached = this.customFieldCache.get(recordType);
    if (!cached) {
      cached = fetchRecordSchema(this.transport, recordType, signal).then(customFieldsFromSchema);
      cached.catch(() => this.customFieldCache.delete(recordType));
      this.customFieldCache.set(recordType, cached);
    }
    return cached;
  }

  async *purchaseOrderPages(opts: FetchOrdersOptions = {}): AsyncGenerator<OrderPage> {
    const withCap = { rowCap: this.rowCap, ...opts };
    if (opts.strategy === 'record') {
      yield* recordOrderPages(this.transport, withCap);
      return;
    }
    const custom = await this.customFields('purchaseOrder', opts.signal);
    yield* suiteqlOrderPages(this.transport, custom, withCap);
  }

  /** Every matching order plus the new watermark (the latest lastModifiedDate seen). */
  async fetchPurchaseOrders(opts: FetchOrdersOptions = {}): Promise<{ orders: PurchaseOrder[]; watermark: string | null; cursor: string | null }> {
    const orders: PurchaseOrder[] = [];
    let cursor: string | null = opts.cursor ?? null;
    for await (const page of this.purchaseOrderPages(opts)) {
      orders.push(...page.orders);
      cursor = page.cursor;
    }
    return { orders, watermark: latestModified(orders, opts.modifiedSince ?? null), cursor };
  }

  /** Proves the credentials work: one small authenticated read. */
  async test(signal?: AbortSignal): Promise<{ accountId: string; baseUrl: string; purchaseOrders: number }> {
    const pages = listIds(this.transport, 'purchaseOrder', { pageSize: 1, limit: 1, signal });
    const first = await pages.next();
    await pages.return(undefined);
    return { accountId: this.accountId, baseUrl: this.baseUrl, purchaseOrders: first.done ? 0 : first.value.totalResults };
  }
}

export function latestModified(orders: readonly PurchaseOrder[], previous: string | null): string | null {
  let best = previous;
  for (const o of orders) {
    const v = o.lastModifiedDate;
    if (typeof v === 'string' && (best === null || Date.parse(v) > Date.parse(best))) best = v;
  }
  return best;
}
