import { constants, createHmac, createPublicKey, randomBytes, timingSafeEqual, verify, X509Certificate, type KeyObject } from 'node:crypto';
import type { SimAccount, SimCertificate } from './model';
import { parseJson } from '../../api/safe-json';

// OAuth 2.0 client credentials as NetSuite checks them (reference §1b): the assertion's alg (PS*
// or ES*), its `kid` mapped to a certificate of the integration named by `iss`, the signature
// with that certificate's key, the certificate's validity, `aud` = the token URL, iat/exp within
// 60 minutes and not in the future, and the scope. Access tokens are JWTs signed by the simulator
// and valid 60 minutes; forged or expired ones are refused. Reasons go to the audit log only:
// the client sees NetSuite's terse OAuth errors.

export const tokenPath = '/services/rest/auth/oauth2/v1/token';
export const accessTokenSeconds = 3600;

export type M2mFailure =
  | 'MalformedAssertion'
  | 'UnsupportedGrantType'
  | 'UnknownAlgorithm'
  | 'ClientUnknown'
  | 'CertificateUnknown'
  | 'CertificateExpired'
  | 'InvalidSignature'
  | 'InvalidAudience'
  | 'AssertionExpired'
  | 'AssertionFromFuture'
  | 'AssertionTooLong'
  | 'InvalidScope'
  | 'InvalidToken'
  | 'ExpiredToken';

const algs: Record<string, { hash: string; pss: boolean }> = {
  PS256: { hash: 'sha256', pss: true },
  PS384: { hash: 'sha384', pss: true },
  PS512: { hash: 'sha512', pss: true },
  ES256: { hash: 'sha256', pss: false },
  ES384: { hash: 'sha384', pss: false },
  ES512: { hash: 'sha512', pss: false },
};
const saltLength: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };
/** NetSuite's tolerance for a client clock ahead of its own. */
const futureSkewSec = 300;

type Json = Record<string, unknown>;

function decodePart(part: string | undefined): Json | null {
  if (!part) return null;
  try {
    const v: unknown = parseJson(Buffer.from(part, 'base64url').toString('utf8'), 'A JWT part');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

function certificateKey(cert: SimCertificate): { key: KeyObject; notAfterMs: number | undefined } {
  if (cert.publicKey.includes('BEGIN CERTIFICATE')) {
    const x = new X509Certificate(cert.publicKey);
    return { key: x.publicKey, notAfterMs: cert.notAfterMs ?? Date.parse(x.validTo) };
  }
  return { key: createPublicKey(cert.publicKey), notAfterMs: cert.notAfterMs };
}

function scopesOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string');
  return typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : [];
}

export type TokenResult = { ok: true; account: SimAccount; accessToken: string } | { ok: false; status: 400; error: string; reason: M2mFailure; account?: SimAccount };

export class M2mIssuer {
  private key = randomBytes(32);

  /** Every access token issued so far stops working (as when NetSuite revokes a mapping). */
  revokeAll(): void {
    this.key = randomBytes(32);
  }

  exchange(form: URLSearchParams, tokenUrl: string, accounts: Iterable<SimAccount>, nowMs: number): TokenResult {
    const fail = (reason: M2mFailure, error = 'invalid_grant', account?: SimAccount): TokenResult => ({ ok: false, status: 400, error, reason, ...(account ? { account } : {}) });
    if (form.get('grant_type') !== 'client_credentials') return fail('UnsupportedGrantType', 'unsupported_grant_type');
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return fail('MalformedAssertion', 'invalid_request');
    const parts = (form.get('client_assertion') ?? '').split('.');
    const header = decodePart(parts[0]);
    const claims = decodePart(parts[1]);
    if (parts.length !== 3 || !header || !claims || !parts[2]) return fail('MalformedAssertion', 'invalid_request');
    const alg = typeof header.alg === 'string' ? algs[header.alg] : undefined;
    if (!alg) return fail('UnknownAlgorithm');
    const account = [...accounts].find((a) => a.spec.oauth2 && a.spec.oauth2.clientId === claims.iss);
    if (!account?.spec.oauth2) return fail('ClientUnknown');
    const cert = account.spec.oauth2.certificates.find((c) => c.id === header.kid);
    if (!cert) return fail('CertificateUnknown', 'invalid_grant', account);
    const { key, notAfterMs } = certificateKey(cert);
    if (notAfterMs !== undefined && notAfterMs <= nowMs) return fail('CertificateExpired', 'invalid_grant', account);
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2], 'base64url');
    let valid = false;
    try {
      valid = alg.pss
        ? verify(alg.hash, signed, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: saltLength[alg.hash] ?? 32 }, signature)
        : verify(alg.hash, signed, { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      valid = false;
    }
    if (!valid) return fail('InvalidSignature', 'invalid_grant', account);
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(tokenUrl)) return fail('InvalidAudience', 'invalid_grant', account);
    const nowSec = Math.floor(nowMs / 1000);
    const iat = typeof claims.iat === 'number' ? claims.iat : NaN;
    const exp = typeof claims.exp === 'number' ? claims.exp : NaN;
    if (!Number.isFinite(exp) || exp <= nowSec) return fail('AssertionExpired', 'invalid_grant', account);
    if (!Number.isFinite(iat) || iat > nowSec + futureSkewSec) return fail('AssertionFromFuture', 'invalid_grant', account);
    if (exp - iat > 3600) return fail('AssertionTooLong', 'invalid_grant', account);
    const requested = scopesOf(claims.scope);
    const allowed = cert.scopes ?? ['rest_webservices'];
    if (!requested.includes('rest_webservices') || requested.some((s) => !allowed.includes(s))) return fail('InvalidScope', 'invalid_scope', account);
    return { ok: true, account, accessToken: this.issue(account, String(claims.iss), nowSec) };
  }

  private issue(account: SimAccount, clientId: string, nowSec: number): string {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'sim' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: 'https://system.netsuite.com', sub: clientId, aud: account.spec.accountId, scope: ['rest_webservices'], iat: nowSec, exp: nowSec + accessTokenSeconds, jti: randomBytes(12).toString('hex') }),
    ).toString('base64url');
    return `${header}.${payload}.${this.mac(`${header}.${payload}`)}`;
  }

  private mac(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }

  /** The account a bearer token was issued for, or why it is refused. */
  verifyBearer(token: string, accounts: ReadonlyMap<string, SimAccount>, nowMs: number): { account: SimAccount } | { failure: M2mFailure; account?: SimAccount } {
    const [h, p, sig] = token.split('.');
    const claims = decodePart(p);
    if (!h || !claims || !sig) return { failure: 'InvalidToken' };
    const expected = Buffer.from(this.mac(`${h}.${p}`));
    const given = Buffer.from(sig);
    const account = typeof claims.aud === 'string' ? accounts.get(claims.aud) : undefined;
    if (expected.length !== given.length || !timingSafeEqual(expected, given) || !account) return { failure: 'InvalidToken', ...(account ? { account } : {}) };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return { failure: 'ExpiredToken', account };
    return { account };
  }
}
