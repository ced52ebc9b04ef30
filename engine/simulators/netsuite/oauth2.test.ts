import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetSuiteSimulator, type NetSuiteSimulator } from './server';

// The simulator's token endpoint, fed assertions made by an independent JOSE library (jose), so
// it accepts what any standard client sends and refuses each thing NetSuite refuses.

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const rsa = generateKeyPairSync('rsa', { modulusLength: 3072, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
let sim: NetSuiteSimulator;
let tokenUrl: string;

beforeAll(async () => {
  sim = await startNetSuiteSimulator({
    accounts: [
      {
        accountId: '4242_SB1', consumerKey: 'ck-1', consumerSecret: 'cs-1', tokenId: 'tk-1', tokenSecret: 'ts-1', orders: 3,
        oauth2: { clientId: 'jose-client', certificates: [{ id: 'ec-cert', publicKey: ec.publicKey }, { id: 'rsa-cert', publicKey: rsa.publicKey, scopes: ['rest_webservices', 'restlets'] }] },
      },
    ],
  });
  tokenUrl = `${sim.url}/services/rest/auth/oauth2/v1/token`;
});
afterAll(() => sim.close());

interface Claims {
  alg?: string;
  kid?: string;
  iss?: string;
  aud?: string;
  scope?: string | string[];
  iat?: number;
  exp?: number;
  key?: string;
}

async function assertion(c: Claims = {}): Promise<string> {
  const alg = c.alg ?? 'ES256';
  const now = Math.floor(Date.now() / 1000);
  const key = await importPKCS8(c.key ?? (alg.startsWith('ES') ? ec.privateKey : rsa.privateKey), alg);
  return new SignJWT({ scope: c.scope ?? ['rest_webservices'] })
    .setProtectedHeader({ alg, typ: 'JWT', kid: c.kid ?? (alg.startsWith('ES') ? 'ec-cert' : 'rsa-cert') })
    .setIssuer(c.iss ?? 'jose-client')
    .setAudience(c.aud ?? tokenUrl)
    .setIssuedAt(c.iat ?? now)
    .setExpirationTime(c.exp ?? now + 600)
    .sign(key);
}

async function exchange(jwt: string, grant = 'client_credentials'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grant, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('simulated OAuth 2.0 token endpoint', () => {
  it('issues a 60-minute bearer token for ES256 and PS256 assertions, which the REST API accepts', async () => {
    for (const alg of ['ES256', 'PS256']) {
      const r = await exchange(await assertion({ alg, scope: alg === 'PS256' ? 'rest_webservices restlets' : undefined }));
      expect(r).toMatchObject({ status: 200, body: { expires_in: 3600, token_type: 'bearer', access_token: expect.any(String) } });
      const api = await fetch(`${sim.url}/services/rest/record/v1/purchaseOrder`, { headers: { Authorization: `Bearer ${String(r.body.access_token)}` } });
      expect(api.status).toBe(200);
    }
  });

  it('refuses what NetSuite refuses, telling the client only the OAuth error', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[Claims | string, string, string]> = [
      [{ alg: 'RS256' }, 'invalid_grant', 'UnknownAlgorithm'],
      [{ iss: 'someone-else' }, 'invalid_grant', 'ClientUnknown'],
      [{ kid: 'no-such-cert' }, 'invalid_grant', 'CertificateUnknown'],
      [{ kid: 'rsa-cert', key: ec.privateKey }, 'invalid_grant', 'InvalidSignature'],
      [{ aud: 'https://4242-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token' }, 'invalid_grant', 'InvalidAudience'],
      [{ iat: now - 4000, exp: now - 1 }, 'invalid_grant', 'AssertionExpired'],
      [{ iat: now + 600, exp: now + 1200 }, 'invalid_grant', 'AssertionFromFuture'],
      [{ exp: now + 7200 }, 'invalid_grant', 'AssertionTooLong'],
      [{ scope: ['restlets'] }, 'invalid_scope', 'InvalidScope'],
      [{ scope: 'rest_webservices suite_analytics' }, 'invalid_scope', 'InvalidScope'],
      ['not.a.jwt', 'invalid_request', 'MalformedAssertion'],
    ];
    sim.resetStats();
    for (const [claims, error] of cases) {
      const r = await exchange(typeof claims === 'string' ? claims : await assertion(claims));
      expect({ claims, ...r }).toEqual({ claims, status: 400, body: { error } });
    }
    expect((await exchange(await assertion(), 'password')).body).toEqual({ error: 'unsupported_grant_type' });
    const reasons = sim.stats().authReasons;
    for (const [, , reason] of cases) expect(reasons[reason as keyof typeof reasons]).toBeGreaterThan(0);
  });
});
