import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

// Token-based authentication: OAuth 1.0a with HMAC-SHA256 (reference §1a). The realm is the
// canonical account id (uppercase, `_SB1`), is sent in the header but not signed. URL query
// parameters are signed, so callers must sign the exact URL they send, with the query encoded per
// RFC 3986 (`%20`, never `+`: the oauth library decodes with decodeURIComponent).

/** `1234567-sb1` / `1234567_sb1` → `1234567_SB1`, the form NetSuite expects as the OAuth realm. */
export function canonicalAccountId(accountId: string): string {
  return accountId.trim().replace(/-/g, '_').toUpperCase();
}

/** `1234567_SB1` → `https://1234567-sb1.suitetalk.api.netsuite.com` (reference §2). */
export function netSuiteBaseUrl(accountId: string): string {
  const host = accountId.trim().toLowerCase().replace(/_/g, '-');
  return `https://${host}.suitetalk.api.netsuite.com`;
}

/** RFC 3986 percent-encoding, as OAuth requires and as NetSuite decodes query strings. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function buildQuery(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    parts.push(`${rfc3986(k)}=${rfc3986(String(v))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export interface TbaKeys {
  readonly accountId: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly tokenId: string;
  readonly tokenSecret: string;
}

export interface SignOverrides {
  /** Fixed nonce/timestamp for the reference test vector; random/now otherwise. */
  readonly nonce?: string;
  readonly timestamp?: number;
}

function hmacSha256(base: string, key: string): string {
  return createHmac('sha256', key).update(base).digest('base64');
}

/** Returns the `oauth_signature` (base64) and the full Authorization header value for one request. */
export function signRequest(
  keys: TbaKeys,
  method: string,
  url: string,
  overrides: SignOverrides = {},
): { signature: string; authorization: string } {
  const oauth = new OAuth({
    consumer: { key: keys.consumerKey, secret: keys.consumerSecret },
    signature_method: 'HMAC-SHA256',
    hash_function: hmacSha256,
    realm: canonicalAccountId(keys.accountId),
    nonce_length: 20,
  });
  const token = { key: keys.tokenId, secret: keys.tokenSecret };
  const request = { url, method: method.toUpperCase() };
  let data: OAuth.Authorization;
  if (overrides.nonce !== undefined || overrides.timestamp !== undefined) {
    const fixed: OAuth.Data = {
      oauth_consumer_key: keys.consumerKey,
      oauth_nonce: overrides.nonce ?? oauth.getNonce(),
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: overrides.timestamp ?? oauth.getTimeStamp(),
      oauth_version: '1.0',
      oauth_token: keys.tokenId,
    };
    // getSignature merges query params into the object it is given; sign a copy.
    const signature = oauth.getSignature({ ...request, data: {} }, keys.tokenSecret, { ...fixed });
    data = { ...fixed, oauth_signature: signature };
  } else {
    data = oauth.authorize({ ...request, data: {} }, token);
  }
  return { signature: data.oauth_signature, authorization: oauth.toHeader(data).Authorization };
}
