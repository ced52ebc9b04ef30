// NetSuite error bodies (nsError, reference §6), byte-for-byte in shape with the documented ones.

export interface NsErrorDetail {
  readonly detail: string;
  readonly 'o:errorCode': string;
  readonly 'o:errorPath'?: string;
  readonly 'o:errorQueryParam'?: string;
}

export class NsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`NetSuite ${status}`);
  }
}

const typeUrl = (status: number): string =>
  ({
    400: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
    401: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2',
    403: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.4',
    404: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5',
    405: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.6',
    500: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1',
  })[status] ?? 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html';

const titles: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

export function nsError(status: number, code: string, detail: string, extra: { path?: string; queryParam?: string } = {}): NsHttpError {
  const d: Record<string, string> = { detail, 'o:errorCode': code };
  if (extra.path) d['o:errorPath'] = extra.path;
  if (extra.queryParam) d['o:errorQueryParam'] = extra.queryParam;
  return new NsHttpError(status, { type: typeUrl(status), title: titles[status] ?? 'Error', status, 'o:errorDetails': [d] });
}

/** The one 401 body TBA failures get; the specific reason only goes to the login audit trail. */
export function invalidLogin(headers: Readonly<Record<string, string>> = {}): NsHttpError {
  const e = nsError(
    401,
    'INVALID_LOGIN',
    'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
  );
  // OAuth 2.0 refusals also carry WWW-Authenticate (reference §1c).
  return new NsHttpError(e.status, e.body, headers);
}

/** The concurrency body really is titled "Bad Request" with an extra top-level o:errorCode. */
export function concurrencyLimit(retryAfterSeconds?: number): NsHttpError {
  return new NsHttpError(
    429,
    {
      type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
      title: 'Bad Request',
      status: 429,
      'o:errorCode': 'USER_ERROR',
      'o:errorDetails': [{ detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }],
    },
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function unexpectedError(): NsHttpError {
  const errorId = Math.random().toString(36).slice(2, 12);
  return nsError(500, 'UNEXPECTED_ERROR', `An unexpected error occurred. Error ID: ${errorId}`);
}

export function invalidParameter(detail: string, queryParam?: string): NsHttpError {
  return nsError(400, 'INVALID_PARAMETER', detail, queryParam ? { queryParam } : {});
}

export function nonexistentId(): NsHttpError {
  // NetSuite's own wording for a record id that does not exist (REST record service).
  return nsError(404, 'NONEXISTENT_ID', 'The record instance does not exist. Provide a valid record instance ID.');
}

export function userError(detail: string, path?: string): NsHttpError {
  return nsError(400, 'USER_ERROR', `Error while accessing a resource. ${detail}`, path ? { path } : {});
}
