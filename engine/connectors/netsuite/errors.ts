import { PatchbayError } from '../../errors/patchbay-error';

// NetSuite answers → stable Patchbay codes with messages an analyst can act on. Messages and
// details carry NetSuite's own detail text, the method and the path, never headers or keys.

export type NetSuiteErrorCode =
  | 'auth_failed'
  | 'rate_limited'
  | 'not_found'
  | 'rejected'
  | 'bad_request'
  | 'server_error'
  | 'network_error'
  | 'timeout'
  | 'invalid_response';

export interface NetSuiteErrorDetails {
  readonly status: number | null;
  readonly method: string;
  readonly path: string;
  /** NetSuite's `o:errorCode` (e.g. USER_ERROR), when it sent one. */
  readonly netsuiteCode?: string | undefined;
  /** NetSuite's `detail` text, verbatim. */
  readonly detail?: string | undefined;
  /** The JSON path of the offending field (`o:errorPath`), e.g. `item.items[0].item`. */
  readonly errorPath?: string | undefined;
  readonly attempts?: number | undefined;
  readonly reason?: string | undefined;
}

interface ParsedNsError {
  readonly code?: string | undefined;
  readonly detail?: string | undefined;
  readonly errorPath?: string | undefined;
}

/** Reads `o:errorDetails[0]` (and the top-level `o:errorCode` of the 429 body). */
export function parseNsErrorBody(body: unknown): ParsedNsError {
  if (typeof body !== 'object' || body === null) return {};
  const rec = body as Record<string, unknown>;
  const details = Array.isArray(rec['o:errorDetails']) ? (rec['o:errorDetails'] as unknown[]) : [];
  const first = details[0];
  if (typeof first === 'object' && first !== null) {
    const d = first as Record<string, unknown>;
    return {
      code: typeof d['o:errorCode'] === 'string' ? d['o:errorCode'] : undefined,
      detail: typeof d.detail === 'string' ? d.detail : undefined,
      errorPath: typeof d['o:errorPath'] === 'string' ? d['o:errorPath'] : undefined,
    };
  }
  return { code: typeof rec['o:errorCode'] === 'string' ? rec['o:errorCode'] : undefined };
}

// 400s that mean "the request itself is malformed" rather than "NetSuite refused this record".
const badRequestCodes = new Set(['INVALID_PARAMETER', 'INVALID_REQUEST', 'INVALID_SEARCH', 'INVALID_QUERY', 'INVALID_HEADER']);

export function netSuiteHttpError(
  status: number,
  body: unknown,
  ctx: { method: string; path: string; accountId: string; attempts: number },
): PatchbayError {
  const ns = parseNsErrorBody(body);
  const details: NetSuiteErrorDetails = {
    status,
    method: ctx.method,
    path: ctx.path,
    netsuiteCode: ns.code,
    detail: ns.detail,
    errorPath: ns.errorPath,
    attempts: ctx.attempts,
  };
  const said = ns.detail ? ` NetSuite said: "${ns.detail}"` : '';
  if (status === 401) {
    return new PatchbayError(
      'auth_failed',
      `NetSuite refused the login for account ${ctx.accountId} (Invalid login attempt). Check the account id ` +
        'and the consumer key/secret and token id/secret in the connection; sandbox tokens are deleted when a ' +
        'sandbox is refreshed. The exact reason is in NetSuite under Setup > Users/Roles > View Login Audit Trail.',
      details,
    );
  }
  if (status === 403) {
    return new PatchbayError(
      'auth_failed',
      `The NetSuite role behind this token may not do ${ctx.method} ${ctx.path}.${said} Grant the role the permission or use another token.`,
      details,
    );
  }
  if (status === 404) {
    return new PatchbayError('not_found', `NetSuite has no record at ${ctx.path}.${said}`, details);
  }
  if (status === 429) return tooManyRequests(ns, details, ctx);
  if (status >= 500) {
    return new PatchbayError(
      'server_error',
      `NetSuite failed with an internal error (HTTP ${status}) on ${ctx.method} ${ctx.path} after ${ctx.attempts} attempt(s).${said} Retry later.`,
      details,
    );
  }
  if (ns.code !== undefined && badRequestCodes.has(ns.code)) {
    return new PatchbayError('bad_request', `NetSuite could not process ${ctx.method} ${ctx.path}.${said}`, details);
  }
  if (status >= 400 && status < 500 && (ns.code !== undefined || ns.detail !== undefined)) {
    const where = ns.errorPath ? ` (field ${ns.errorPath})` : '';
    return new PatchbayError('rejected', `NetSuite rejected the ${ctx.method} on ${ctx.path}${where}.${said}`, details);
  }
  return new PatchbayError('bad_request', `NetSuite answered HTTP ${status} to ${ctx.method} ${ctx.path}.${said}`, details);
}

/**
 * A 429 with NetSuite's CONCURRENCY_LIMIT_EXCEEDED is the account's limit on requests in flight,
 * shared by every integration on the account; any other 429 (another code, or none: a proxy or
 * gateway in front of NetSuite) is said to be something else, so nobody lowers the concurrency of
 * a connection that was never at the account's limit.
 */
function tooManyRequests(ns: ParsedNsError, details: NetSuiteErrorDetails, ctx: { method: string; path: string; accountId: string; attempts: number }): PatchbayError {
  if (ns.code === 'CONCURRENCY_LIMIT_EXCEEDED') {
    return new PatchbayError(
      'rate_limited',
      `NetSuite account ${ctx.accountId} is at its concurrency limit: too many requests were running at once on the account ` +
        `(tried ${ctx.attempts} times). Lower the connection's concurrency or retry later; every integration on the account shares this limit.`,
      { ...details, limit: 'account_concurrency' },
    );
  }
  const said = ns.detail ? ` NetSuite said: "${ns.detail}"` : '';
  const who = ns.code ? `NetSuite (${ns.code})` : 'A server in front of NetSuite (the answer is not NetSuite\'s)';
  return new PatchbayError(
    'rate_limited',
    `${who} answered ${ctx.method} ${ctx.path} with 429 Too Many Requests, which is not the account's concurrency limit ` +
      `(tried ${ctx.attempts} times).${said} Retry later; if it persists, check the host and any proxy between Patchbay and NetSuite.`,
    { ...details, limit: 'other' },
  );
}

export function invalidResponseError(
  reason: string,
  ctx: { method: string; path: string; status: number | null; contentType: string | null },
): PatchbayError {
  const html = ctx.contentType?.includes('html') ?? false;
  const message = html
    ? `NetSuite answered ${ctx.method} ${ctx.path} with a web page instead of data (HTTP ${ctx.status ?? '?'}): ` +
      'usually a proxy, a login page or a maintenance window. Check the account id/host and retry later.'
    : `NetSuite's answer to ${ctx.method} ${ctx.path} could not be read (${reason}). Retry; if it persists, check the host.`;
  return new PatchbayError('invalid_response', message, { status: ctx.status, method: ctx.method, path: ctx.path, reason, contentType: ctx.contentType });
}

export function networkError(cause: unknown, ctx: { method: string; path: string; host: string; attempts: number }): PatchbayError {
  const reason = describeCause(cause);
  return new PatchbayError(
    'network_error',
    `Could not reach NetSuite at ${ctx.host} (${reason}) after ${ctx.attempts} attempt(s). Check the account id or host and your network.`,
    { status: null, method: ctx.method, path: ctx.path, reason, attempts: ctx.attempts },
  );
}

export function timeoutError(timeoutMs: number, ctx: { method: string; path: string; attempts: number }): PatchbayError {
  return new PatchbayError(
    'timeout',
    `NetSuite did not answer ${ctx.method} ${ctx.path} within ${Math.round(timeoutMs / 1000)} s (${ctx.attempts} attempt(s)). Retry later or lower the page size.`,
    { status: null, method: ctx.method, path: ctx.path, attempts: ctx.attempts, reason: 'timeout' },
  );
}

function describeCause(cause: unknown): string {
  // fetch wraps the socket error in `cause`; its code (ECONNREFUSED, ENOTFOUND…) is what helps.
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  const code = typeof inner === 'object' && inner !== null && 'code' in inner ? String((inner as { code: unknown }).code) : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code) return code;
  return inner instanceof Error ? inner.message : 'network failure';
}
