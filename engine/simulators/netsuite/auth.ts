import { createHmac, timingSafeEqual } from 'node:crypto';

// TBA verification as NetSuite does it (reference §1a): RFC 5849 header parsing, base string over
// scheme+host+path and every query and oauth_* parameter, HMAC-SHA256 with consumer and token
// secrets, ±300 s timestamps, nonce replay, exact realm. Failures return a reason for the audit
// log; the response is always the generic INVALID_LOGIN body.

export interface TbaSecrets {
  readonly accountId: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly tokenId: string;
  readonly tokenSecret: string;
}

export type AuthFailure =
  | 'MissingHeader'
  | 'MalformedHeader'
  | 'InvalidRealm'
  | 'UnknownAlgorithm'
  | 'InvalidVersion'
  | 'ConsumerKeyUnknown'
  | 'TokenRejected'
  | 'InvalidTimestamp'
  | 'InvalidNonce'
  | 'NonceUsed'
  | 'InvalidSignature';

const enc = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `OAuth realm="X", oauth_token="…"` → decoded params (order-independent, any separator spacing). */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | null {
  if (!header) return null;
  const m = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!m?.[1]) return null;
  const params = new Map<string, string>();
  const re = /([A-Za-z0-9_%.-]+)\s*=\s*"([^"]*)"/g;
  let found: RegExpExecArray | null;
  while ((found = re.exec(m[1])) !== null) {
    try {
      params.set(decodeURIComponent(found[1] ?? ''), decodeURIComponent(found[2] ?? ''));
    } catch {
      return null;
    }
  }
  return params.size > 0 ? params : null;
}

/** Query string decoded as form data (`+` is a space), as NetSuite does before re-encoding. */
function queryPairs(rawQuery: string): Array<[string, string]> {
  if (!rawQuery) return [];
  return rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      const v = i < 0 ? '' : p.slice(i + 1);
      const dec = (s: string): string => decodeURIComponent(s.replace(/\+/g, '%20'));
      return [dec(k), dec(v)];
    });
}

export function baseString(method: string, baseUri: string, rawQuery: string, oauth: Map<string, string>): string {
  const pairs: Array<[string, string]> = [...queryPairs(rawQuery)];
  for (const [k, v] of oauth) if (k !== 'realm' && k !== 'oauth_signature') pairs.push([k, v]);
  const encoded = pairs.map(([k, v]) => [enc(k), enc(v)] as const);
  encoded.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  const normalized = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${enc(baseUri)}&${enc(normalized)}`;
}

export class NonceLedger {
  private readonly seen = new Map<string, number>();
  /** Returns false when this nonce+timestamp was already used by the token. */
  remember(token: string, nonce: string, timestamp: string, nowMs: number): boolean {
    if (this.seen.size > 50_000) this.prune(nowMs);
    const key = `${token}\u0000${nonce}\u0000${timestamp}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowMs);
    return true;
  }
  private prune(nowMs: number): void {
    for (const [k, at] of this.seen) if (nowMs - at > 600_000) this.seen.delete(k);
  }
}

export interface VerifyInput {
  readonly method: string;
  /** scheme://host[:port]/path as the client addressed it (from the Host header). */
  readonly baseUri: string;
  readonly rawQuery: string;
  readonly params: Map<string, string>;
  readonly nowMs: number;
}

export function verifyTba(input: VerifyInput, account: TbaSecrets, nonces: NonceLedger): AuthFailure | null {
  const p = input.params;
  // The realm must be the canonical account id: lowercase `_sb1` fails on NetSuite too.
  if (p.get('realm') !== account.accountId) return 'InvalidRealm';
  if (p.get('oauth_signature_method') !== 'HMAC-SHA256') return 'UnknownAlgorithm';
  const version = p.get('oauth_version');
  if (version !== undefined && version !== '1.0') return 'InvalidVersion';
  if (p.get('oauth_consumer_key') !== account.consumerKey) return 'ConsumerKeyUnknown';
  if (p.get('oauth_token') !== account.tokenId) return 'TokenRejected';
  const ts = p.get('oauth_timestamp') ?? '';
  if (!/^\d+$/.test(ts) || Math.abs(Number(ts) * 1000 - input.nowMs) > 300_000) return 'InvalidTimestamp';
  const nonce = p.get('oauth_nonce') ?? '';
  if (nonce.length < 6 || nonce.length > 64) return 'InvalidNonce';
  const given = p.get('oauth_signature') ?? '';
  const key = `${enc(account.consumerSecret)}&${enc(account.tokenSecret)}`;
  const expected = createHmac('sha256', key).update(baseString(input.method, input.baseUri, input.rawQuery, p)).digest('base64');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'InvalidSignature';
  // Checked last so a bad signature cannot burn a legitimate client's nonce.
  if (!nonces.remember(account.tokenId, nonce, ts, input.nowMs)) return 'NonceUsed';
  return null;
}
