import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startNetSuiteSimulator, type NetSuiteSimulator } from '../../simulators/netsuite';
import { netsuiteClientFor, netsuiteConnector } from './connector';
import { buildAssertion, readPrivateKey } from './jwt-assertion';
import { failure } from './testkit';

// OAuth 2.0 client credentials against the simulator over loopback, with key pairs made here.
// Assertions are checked with `jose`, a JOSE implementation independent of the connector's.

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

const minute = 60_000;
let sims: NetSuiteSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

/** One simulated account with an M2M mapping; `clock` moves both sides' time together. */
async function m2mAccount(clock = { offsetMs: 0 }) {
  const accountId = '7654321_SB1';
  const sim = await startNetSuiteSimulator({
    now: () => Date.now() + clock.offsetMs,
    accounts: [
      {
        accountId,
        consumerKey: 'ck-unused-1234',
        consumerSecret: 'cs-unused-1234',
        tokenId: 'tk-unused-1234',
        tokenSecret: 'ts-unused-1234',
        orders: 12,
        oauth2: {
          clientId: 'client-abc-123',
          certificates: [
            { id: 'cert-live', publicKey: ec.publicKey },
            { id: 'cert-expired', publicKey: ec.publicKey, notAfterMs: Date.now() - 24 * 60 * minute },
          ],
        },
      },
    ],
  });
  sims.push(sim);
  const values = { accountId, authMode: 'oauth2', clientId: 'client-abc-123', certificateId: 'cert-live', privateKey: ec.privateKey, baseUrl: sim.url };
  return { sim, values, accountId };
}

describe('NetSuite OAuth 2.0 client credentials', () => {
  it('exchanges a signed assertion for a token, reuses it, and reads records with it', async () => {
    const { sim, values } = await m2mAccount();
    const client = netsuiteClientFor(values, { baseDelayMs: 5 });
    // Requests that start together wait for one token exchange.
    const ids = [...sim.account('7654321_SB1').orders.keys()].slice(0, 4);
    await Promise.all(ids.map((id) => client.getPurchaseOrder(String(id))));
    const first = await client.test();
    expect(first.purchaseOrders).toBe(12);
    const order = await client.getPurchaseOrder(String(sim.account('7654321_SB1').orders.keys().next().value));
    expect(order.tranId).toMatch(/^PO/);
    expect(sim.stats().byKind.token).toBe(1);
    expect(sim.stats().authFailures).toBe(0);
  });

  it('fetches a new token once when NetSuite refuses the cached one (401), then carries on', async () => {
    const { sim, values } = await m2mAccount();
    const client = netsuiteClientFor(values, { baseDelayMs: 5 });
    await client.test();
    sim.revokeAccessTokens();
    await client.test();
    expect(sim.stats().byKind.token).toBe(2);
    expect(sim.stats().authReasons.InvalidToken).toBe(1);
  });

  it('renews the token before its 60 minutes run out', async () => {
    const clock = { offsetMs: 0 };
    const { sim, values } = await m2mAccount(clock);
    const client = netsuiteClientFor(values, { baseDelayMs: 5, now: () => Date.now() + clock.offsetMs });
    await client.test();
    clock.offsetMs = 30 * minute;
    await client.test();
    expect(sim.stats().byKind.token).toBe(1);
    clock.offsetMs = 57 * minute;
    await client.test();
    expect(sim.stats().byKind.token).toBe(2);
    expect(sim.stats().authFailures).toBe(0);
  });

  it('refuses forged and expired access tokens as NetSuite does (401 with WWW-Authenticate)', async () => {
    const clock = { offsetMs: 0 };
    const { sim, values } = await m2mAccount(clock);
    const client = netsuiteClientFor(values);
    const token = await client.transport.auth.authorization('GET', sim.url);
    const [h, p, s] = token.replace('Bearer ', '').split('.');
    const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 86_400 })).toString('base64url');
    const get = (bearer: string) => fetch(`${sim.url}/services/rest/record/v1/purchaseOrder?limit=1`, { headers: { Authorization: `Bearer ${bearer}` } });
    const forged = await get(`${h}.${forgedPayload}.${s}`);
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(((await forged.json()) as { 'o:errorDetails': Array<{ 'o:errorCode': string }> })['o:errorDetails'][0]?.['o:errorCode']).toBe('INVALID_LOGIN');
    expect((await get(token.replace('Bearer ', ''))).status).toBe(200);
    clock.offsetMs = 61 * minute;
    expect((await get(token.replace('Bearer ', ''))).status).toBe(401);
    expect(sim.stats().authReasons).toMatchObject({ InvalidToken: 1, ExpiredToken: 1 });
  });

  it('signs assertions that an independent JOSE library verifies (ES256 and PS256)', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 3072, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const aud = 'https://7654321-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
    const nowSec = Math.floor(Date.now() / 1000);
    for (const [pair, alg] of [[ec, 'ES256'], [rsa, 'PS256']] as const) {
      const jwt = buildAssertion({ clientId: 'client-abc-123', certificateId: 'cert-live', key: readPrivateKey(pair.privateKey), audience: aud, scopes: ['rest_webservices'], nowSec });
      expect(decodeProtectedHeader(jwt)).toEqual({ alg, typ: 'JWT', kid: 'cert-live' });
      const { payload } = await jwtVerify(jwt, await importSPKI(pair.publicKey, alg), { issuer: 'client-abc-123', audience: aud, algorithms: [alg] });
      expect(payload.scope).toEqual(['rest_webservices']);
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(3600);
      await expect(jwtVerify(jwt, await importSPKI(other.publicKey, 'ES256'))).rejects.toThrow();
    }
  });

  it('says which step failed and what to check: expired certificate, wrong key, clock ten minutes off', async () => {
    const clock = { offsetMs: 0 };
    const { sim, values } = await m2mAccount();
    const expired = await failure(netsuiteClientFor({ ...values, certificateId: 'cert-expired' }).test());
    expect(expired.code).toBe('auth_failed');
    expect(expired.message).toMatch(/Step 2 of 3 \(exchanging the signed assertion/);
    expect(expired.message).toMatch(/certificate id "cert-expired"/);
    expect(expired.message).toMatch(/has not expired/);

    const wrongKey = await failure(netsuiteClientFor({ ...values, privateKey: other.privateKey }).test());
    expect(wrongKey.message).toMatch(/Step 2 of 3/);
    expect(wrongKey.message).toMatch(/certificate of this private key/);

    clock.offsetMs = 10 * minute;
    const skewed = await failure(netsuiteClientFor(values, { now: () => Date.now() + clock.offsetMs }).test());
    expect(skewed.message).toMatch(/Step 2 of 3/);
    expect(skewed.message).toMatch(/clock is 10 minutes ahead of NetSuite's/);
    expect(sim.stats().authReasons).toMatchObject({ CertificateExpired: 1, InvalidSignature: 1, AssertionFromFuture: 1 });
    // Ten minutes behind still logs in: the assertion lives 30 minutes, so it has not expired yet.
    await expect(netsuiteClientFor(values, { now: () => Date.now() - clock.offsetMs }).test()).resolves.toMatchObject({ purchaseOrders: 12 });
    for (const e of [expired, wrongKey, skewed]) {
      expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain(ec.privateKey.split('\n')[1]);
    }
  });

  it('explains a token endpoint that answers HTML, and sends it a verifiable assertion', async () => {
    let form = new URLSearchParams();
    const proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        form = new URLSearchParams(body);
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Sign in</body></html>');
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const e = await failure(netsuiteClientFor({ accountId: '7654321_SB1', authMode: 'oauth2', clientId: 'client-abc-123', certificateId: 'cert-live', privateKey: ec.privateKey, baseUrl: base }, { maxAttempts: 1 }).test());
      expect(e.code).toBe('invalid_response');
      expect(e.message).toMatch(/Step 2 of 3.*web page/);
      expect(e.message).toMatch(/Company URLs/);
      expect(form.get('grant_type')).toBe('client_credentials');
      expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      const { payload } = await jwtVerify(form.get('client_assertion') ?? '', await importSPKI(ec.publicKey, 'ES256'), {
        issuer: 'client-abc-123',
        audience: `${base}/services/rest/auth/oauth2/v1/token`,
      });
      expect(payload.scope).toContain('rest_webservices');
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it('names the key step when the private key is not a usable PEM key', async () => {
    const { values } = await m2mAccount();
    const garbage = await failure(netsuiteClientFor({ ...values, privateKey: 'not a key at all' }).test());
    expect(garbage.message).toMatch(/Step 1 of 3 \(reading the private key\).*BEGIN PRIVATE KEY/);
    const cert = await failure(netsuiteClientFor({ ...values, privateKey: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' }).test());
    expect(cert.message).toMatch(/holds a certificate/);
    // A certificate-and-key bundle still carries the key.
    const bundle = netsuiteClientFor({ ...values, privateKey: `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n${ec.privateKey}` });
    await expect(bundle.test()).resolves.toMatchObject({ purchaseOrders: 12 });
    // A key pasted into a one-line field (line breaks turned into spaces) still works.
    const oneLine = netsuiteClientFor({ ...values, privateKey: ec.privateKey.replace(/\n/g, ' ') });
    await expect(oneLine.test()).resolves.toMatchObject({ purchaseOrders: 12 });
  });

  it('Test connection reports the auth mode it used, and a failure after the token as step 3', async () => {
    const { sim, values } = await m2mAccount();
    await expect(netsuiteConnector.test(values)).resolves.toMatch(/OAuth 2\.0/);
    sim.injectFaults({ status: 500 }, { status: 500 });
    await expect(netsuiteConnector.test(values)).rejects.toThrow(/^Step 3 of 3 \(reading purchase orders with the access token\): NetSuite failed/);
  });
});
