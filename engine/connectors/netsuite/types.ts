// What the connector needs to reach one NetSuite account. Secret values live only in memory here;
// the connection store decrypts them just before building a client.
export type NetSuiteCredentials = TbaCredentials | M2mCredentials;

interface AccountAddress {
  /** Account id as shown in NetSuite, e.g. `1234567` or `1234567_SB1` (any case; canonicalised). */
  readonly accountId: string;
  /**
   * Base URL override (scheme + host[:port]), e.g. the simulator's `http://127.0.0.1:4010` or the
   * company URL copied from Setup > Company > Company Information. Without it the host is derived.
   */
  readonly baseUrl?: string | undefined;
}

/** Token-based authentication (OAuth 1.0a), the default when `authMode` is absent. */
export interface TbaCredentials extends AccountAddress {
  readonly authMode?: 'tba' | undefined;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly tokenId: string;
  readonly tokenSecret: string;
}

/** OAuth 2.0 client credentials (machine to machine) with a certificate (reference §1b). */
export interface M2mCredentials extends AccountAddress {
  readonly authMode: 'oauth2';
  /** The integration record's client id (the JWT's `iss`). */
  readonly clientId: string;
  /** The id NetSuite gave the certificate mapping (the JWT's `kid`). */
  readonly certificateId: string;
  /** PEM private key of the mapped certificate. */
  readonly privateKey: string;
  /** Defaults to `rest_webservices`. */
  readonly scopes?: readonly string[] | undefined;
}

export interface NetSuiteClientOptions {
  /** Requests allowed in flight for this account, shared by every run (NetSuite's own default is 5). */
  readonly concurrency?: number | undefined;
  readonly maxAttempts?: number | undefined;
  readonly baseDelayMs?: number | undefined;
  readonly maxDelayMs?: number | undefined;
  /** Per-request timeout; a timed-out request counts as retryable. */
  readonly timeoutMs?: number | undefined;
  /** SuiteQL stops at 100,000 rows per query; configurable so tests need not seed 100k orders. */
  readonly suiteqlRowCap?: number | undefined;
  /** Called for every HTTP exchange (tests count requests; journals can record timings). */
  readonly onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Clock for OAuth 2.0 assertions (tests move it); Date.now by default. */
  readonly now?: (() => number) | undefined;
}

export interface RequestEvent {
  readonly method: string;
  /** Path and query only: never the Authorization header. */
  readonly path: string;
  readonly status: number | null;
  readonly attempt: number;
  readonly durationMs: number;
}

export type JsonObject = { [key: string]: unknown };

/** A purchase order in the record API's expanded shape (what `GET …/purchaseOrder/{id}?expandSubResources=true` returns). */
export type PurchaseOrder = JsonObject & {
  readonly id: string;
  readonly item?: { readonly items: readonly JsonObject[]; readonly totalResults?: number } | undefined;
};

export interface CustomFieldInfo {
  readonly id: string;
  readonly scope: 'body' | 'line';
  readonly label: string;
  readonly type: 'text' | 'integer' | 'decimal' | 'checkbox' | 'date' | 'datetime' | 'select' | 'multiselect' | 'unknown';
  readonly filterable: boolean;
}
