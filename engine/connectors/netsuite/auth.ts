import { M2mTokenSource } from './m2m-token';
import { signRequest } from './signing';
import type { NetSuiteCredentials } from './types';

// How a request to NetSuite proves who it is: TBA signs each request (OAuth 1.0a); OAuth 2.0
// client credentials attach a bearer token that is fetched once and renewed. The transport only
// asks for an Authorization value and reports a 401, so both modes share every other rule.

export interface NsAuth {
  readonly mode: 'tba' | 'oauth2';
  /** The Authorization header value for one request to `url`. */
  authorization(method: string, url: string, signal?: AbortSignal): Promise<string>;
  /** NetSuite answered 401 to this value; true when a fresh credential is worth one more try. */
  refused(authorization: string): boolean;
}

export function nsAuthFor(creds: NetSuiteCredentials, baseUrl: string, opts: { timeoutMs: number; now?: (() => number) | undefined }): NsAuth {
  if (creds.authMode === 'oauth2') {
    const source = new M2mTokenSource({ ...creds, baseUrl, timeoutMs: opts.timeoutMs, now: opts.now });
    return {
      mode: 'oauth2',
      authorization: async (_method, _url, signal) => `Bearer ${await source.token(signal)}`,
      refused(authorization) {
        source.invalidate(authorization.replace(/^Bearer /, ''));
        return true;
      },
    };
  }
  return {
    mode: 'tba',
    authorization: (method, url) => Promise.resolve(signRequest(creds, method, url).authorization),
    refused: () => false,
  };
}
