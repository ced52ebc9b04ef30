import { PatchbayError } from '../../errors/patchbay-error';
import { sharedLimiter, type ConcurrencyLimiter } from '../http/limiter';
import { defaultRetryPolicy, parseRetryAfter, withRetries, type RetryPolicy } from '../http/retry';
import { invalidResponseError, netSuiteHttpError, networkError, timeoutError } from './errors';
import { nsAuthFor, type NsAuth } from './auth';
import { buildQuery, canonicalAccountId, netSuiteBaseUrl } from './signing';
import type { NetSuiteClientOptions, NetSuiteCredentials, RequestEvent } from './types';
import { MAX_JSON_DEPTH, parseJson } from '../../api/safe-json';

// One signed HTTP exchange with NetSuite, with the account's shared concurrency limit, bounded
// retries and error mapping. Every higher-level operation (records, SuiteQL, metadata) goes
// through `send`, so these rules hold everywhere.

export interface NsRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under the base URL, starting with `/services/rest/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | undefined;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Whether repeating the request is harmless. 429s are always retried (NetSuite refused before
   * doing anything); 5xx and timeouts only when idempotent, so a create is never sent twice.
   */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
}

export interface NsResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** The exact request a write would send, for test-mode dry runs (Authorization redacted). */
export interface PreparedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

class AttemptError extends Error {
  /** The Authorization value NetSuite refused with a 401, so an OAuth 2.0 token can be renewed once. */
  refusedAuthorization?: string;
  constructor(
    readonly final: PatchbayError,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(final.message);
  }
}

const defaultTimeoutMs = 120_000;

export class NetSuiteTransport {
  readonly accountId: string;
  readonly baseUrl: string;
  readonly limiter: ConcurrencyLimiter;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly onRequest: ((event: RequestEvent) => void) | undefined;
  readonly auth: NsAuth;

  constructor(creds: NetSuiteCredentials, opts: NetSuiteClientOptions = {}) {
    this.accountId = canonicalAccountId(creds.accountId);
    this.baseUrl = (creds.baseUrl?.trim() || netSuiteBaseUrl(creds.accountId)).replace(/\/+$/, '');
    // Keyed by account and host: the simulator's demo account and a real account never share a queue.
    this.limiter = sharedLimiter(`netsuite:${this.accountId}@${this.baseUrl}`, opts.concurrency ?? 5);
    this.policy = {
      maxAttempts: opts.maxAttempts ?? defaultRetryPolicy.maxAttempts,
      baseDelayMs: opts.baseDelayMs ?? defaultRetryPolicy.baseDelayMs,
      maxDelayMs: opts.maxDelayMs ?? defaultRetryPolicy.maxDelayMs,
    };
    this.timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
    this.onRequest = opts.onRequest;
    this.auth = nsAuthFor(creds, this.baseUrl, { timeoutMs: Math.min(this.timeoutMs, 60_000), now: opts.now });
  }

  url(path: string, query?: NsRequest['query']): string {
    return `${this.baseUrl}${path}${query ? buildQuery(query) : ''}`;
  }

  /** What `send` would put on the wire, minus the secret-bearing Authorization value. */
  prepare(req: Omit<NsRequest, 'idempotent' | 'signal'>): PreparedRequest {
    return {
      method: req.method,
      url: this.url(req.path, req.query),
      headers: { ...this.baseHeaders(req), Authorization: this.auth.mode === 'oauth2' ? 'Bearer [redacted]' : 'OAuth [redacted]' },
      body: req.body ?? null,
    };
  }

  async send(req: NsRequest): Promise<NsResponse> {
    const pathWithQuery = `${req.path}${req.query ? buildQuery(req.query) : ''}`;
    try {
      return await withRetries(
        (n) => this.limiter.run(() => this.attempt(req, pathWithQuery, n), req.signal),
        (e) => (e instanceof AttemptError ? { retry: e.retryable, retryAfterMs: e.retryAfterMs } : { retry: false }),
        this.policy,
        { signal: req.signal },
      );
    } catch (e) {
      throw e instanceof AttemptError ? e.final : e;
    }
  }

  private baseHeaders(req: Pick<NsRequest, 'body' | 'headers'>): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    return headers;
  }

  private async attempt(req: NsRequest, pathWithQuery: string, n: number): Promise<NsResponse> {
    try {
      return await this.exchange(req, pathWithQuery, n);
    } catch (e) {
      // An OAuth 2.0 token NetSuite no longer accepts (revoked, or expired early) is renewed once;
      // a second 401 is a real refusal.
      if (e instanceof AttemptError && e.refusedAuthorization !== undefined && this.auth.refused(e.refusedAuthorization)) return this.exchange(req, pathWithQuery, n, true);
      throw e;
    }
  }

  private async authorization(req: NsRequest, url: string, pathWithQuery: string): Promise<string> {
    try {
      return await this.auth.authorization(req.method, url, req.signal);
    } catch (e) {
      if (req.signal?.aborted || !(e instanceof PatchbayError)) throw e;
      // Token endpoint outages are worth retrying; refusals and bad keys are not.
      const retryable = e.code === 'network_error' || e.code === 'server_error' || e.code === 'timeout';
      throw new AttemptError(new PatchbayError(e.code, e.message, { ...(e.details as object), method: req.method, path: pathWithQuery }), retryable);
    }
  }

  private async exchange(req: NsRequest, pathWithQuery: string, n: number, renewed = false): Promise<NsResponse> {
    const url = this.url(req.path, req.query);
    const authorization = await this.authorization(req, url, pathWithQuery);
    const headers = { ...this.baseHeaders(req), Authorization: authorization };
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = Date.now();
    const ctx = { method: req.method, path: pathWithQuery, accountId: this.accountId, attempts: n };
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
        redirect: 'manual',
      });
      text = await res.text();
    } catch (e) {
      this.emit(req.method, pathWithQuery, null, n, started);
      if (req.signal?.aborted) throw e;
      if (timeout.aborted) throw new AttemptError(timeoutError(this.timeoutMs, ctx), req.idempotent);
      const refused = isRefused(e);
      throw new AttemptError(networkError(e, { ...ctx, host: new URL(this.baseUrl).host }), req.idempotent || refused);
    }
    this.emit(req.method, pathWithQuery, res.status, n, started);
    const contentType = res.headers.get('content-type');
    const parsed = parseBody(text, contentType);
    if (res.status >= 200 && res.status < 300) {
      if (!parsed.ok) throw new AttemptError(invalidResponseError(parsed.reason, { ...ctx, status: res.status, contentType }), false);
      return { status: res.status, headers: res.headers, body: parsed.value };
    }
    if (res.status >= 300 && res.status < 400) {
      // Signed requests must not follow redirects (the signature covers the URL); a redirect means the host is wrong.
      const to = res.headers.get('location');
      throw new AttemptError(
        new PatchbayError('invalid_response', `NetSuite redirected ${req.method} ${pathWithQuery}${to ? ` to ${safeHost(to)}` : ''}. Set the connection's host override to the account's REST domain (Setup > Company > Company Information > Company URLs).`, {
          status: res.status,
          method: req.method,
          path: pathWithQuery,
        }),
        false,
      );
    }
    const retryable = res.status === 429 || (res.status >= 500 && req.idempotent);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    // A proxy's or maintenance page's HTML says more than its status code.
    const final =
      !parsed.ok && contentType?.includes('html')
        ? invalidResponseError(parsed.reason, { ...ctx, status: res.status, contentType })
        : res.status === 401 && this.auth.mode === 'oauth2'
          ? bearerRefused(ctx)
          : netSuiteHttpError(res.status, parsed.ok ? parsed.value : undefined, ctx);
    const error = new AttemptError(final, retryable, retryAfterMs);
    if (res.status === 401 && !renewed) error.refusedAuthorization = authorization;
    throw error;
  }

  private emit(method: string, path: string, status: number | null, attempt: number, started: number): void {
    this.onRequest?.({ method, path, status, attempt, durationMs: Date.now() - started });
  }
}

/** A just-issued access token refused: the token step worked, so the mapping's role is what to check. */
function bearerRefused(ctx: { method: string; path: string; accountId: string; attempts: number }): PatchbayError {
  return new PatchbayError(
    'auth_failed',
    `Step 3 of 3 (calling the REST API with the access token): NetSuite account ${ctx.accountId} refused a freshly issued access token for ${ctx.method} ${ctx.path}. ` +
      'Check that the role in the certificate mapping (Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup) has the REST Web Services and Log in using Access Tokens permissions; the exact reason is in the Login Audit Trail.',
    { status: 401, method: ctx.method, path: ctx.path, attempts: ctx.attempts, step: 'api' },
  );
}

function safeHost(location: string): string {
  try {
    return new URL(location).host;
  } catch {
    return 'another address';
  }
}

function isRefused(e: unknown): boolean {
  const inner = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  return typeof inner === 'object' && inner !== null && 'code' in inner && (inner as { code: unknown }).code === 'ECONNREFUSED';
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseBody(text: string, contentType: string | null): Parsed {
  if (text.length === 0) return { ok: true, value: null };
  const type = contentType?.toLowerCase() ?? '';
  if (type.includes('html') || /^\s*</.test(text)) return { ok: false, reason: 'an HTML page instead of JSON' };
  try {
    return { ok: true, value: parseJson(text, 'The answer') };
  } catch (e) {
    if (e instanceof PatchbayError) return { ok: false, reason: `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep` };
    return { ok: false, reason: 'the JSON body is malformed or was cut off' };
  }
}
