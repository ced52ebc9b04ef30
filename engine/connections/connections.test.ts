import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskedSecret } from '../api/methods/connections';
import { SecretBox } from '../secrets/envelope';
import { staticKeyProvider } from '../secrets/key-provider';
import { startNetSuiteSimulator, type NetSuiteSimulator } from '../simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../simulators/your-app';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { startDemoSandbox } from './demo-sandbox';
import { connectorKinds } from '../connectors/registry';
import { testConnection } from './test-connection';
import { ConnectionStore } from './store';

const planted = { consumerKey: 'PLANTED-ck-7f3a9c', consumerSecret: 'PLANTED-cs-1b2c3d', tokenId: 'PLANTED-tk-9e8d7c', tokenSecret: 'PLANTED-ts-4f5e6d' };
const apiKey = 'PLANTED-yourapp-key-77';

// On SQLite, or on PostgreSQL when npm test runs it there (vitest.pg.config.ts).
let db: TestDatabase;
let store: ConnectionStore;
let ns: NetSuiteSimulator;
let app: YourAppSimulator;

beforeAll(async () => {
  // The whole schema: a connection reads which installations use it.
  db = await openTestDatabase();
  store = new ConnectionStore(db.database, await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 3))));
  ns = await startNetSuiteSimulator({ accounts: [{ accountId: '4444444_SB1', ...planted, orders: 12 }] });
  app = await startYourAppSimulator({ apiKey });
});
afterAll(async () => {
  await db.close();
  await Promise.all([ns.close(), app.close()]);
});

const netsuiteValues = () => ({ accountId: '4444444_sb1', ...planted, baseUrl: ns.url });

describe('connection store', () => {
  it('never returns secrets: reads are masked, and a masked re-save keeps them', async () => {
    const saved = await store.save({ name: 'Acme sandbox', kind: 'netsuite', installationId: 'inst-1', values: netsuiteValues() });
    expect(saved.values).toEqual({ accountId: '4444444_sb1', consumerKey: maskedSecret, consumerSecret: maskedSecret, tokenId: maskedSecret, tokenSecret: maskedSecret, privateKey: '', baseUrl: ns.url });
    const listed = JSON.stringify(await store.list({}));
    const got = JSON.stringify(await store.get(saved.id));
    for (const s of Object.values(planted)) {
      expect(listed).not.toContain(s);
      expect(got).not.toContain(s);
    }
    // The form comes back with masks; saving it untouched must not wipe or replace the secrets.
    await store.save({ id: saved.id, name: 'Acme sandbox (renamed)', kind: 'netsuite', values: saved.values });
    expect((await store.resolve(saved.id)).values).toMatchObject(planted);
    expect((await store.get(saved.id)).installationId).toBe('inst-1');
    expect(await store.allSecretValues()).toEqual(expect.arrayContaining(Object.values(planted)));
  });

  it('describes each kind\'s fields, secrets flagged', async () => {
    const kinds = connectorKinds();
    const ns = kinds.find((k) => k.kind === 'netsuite');
    expect(ns?.fields.filter((f) => f.secret).map((f) => f.key)).toEqual(['consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret', 'privateKey']);
    expect(ns?.fields.find((f) => f.key === 'privateKey')).toMatchObject({ multiline: true, showWhen: { key: 'authMode', values: ['oauth2'] } });
  });

  it('requires only the fields of the chosen NetSuite auth mode, and keeps the private key encrypted and masked', async () => {
    await expect(store.save({ name: 'M2M', kind: 'netsuite', values: { accountId: '1', authMode: 'oauth2', clientId: 'client-1', certificateId: 'cert-1' } })).rejects.toThrow(
      expect.objectContaining({ code: 'invalid_connection', details: { field: 'privateKey' } }),
    );
    await expect(store.save({ name: 'M2M', kind: 'netsuite', values: { accountId: '1', authMode: 'saml' } })).rejects.toThrow(/Authentication must be one of/);
    const key = '-----BEGIN PRIVATE KEY-----\nPLANTED-private-key-body\n-----END PRIVATE KEY-----';
    const saved = await store.save({ name: 'M2M', kind: 'netsuite', values: { accountId: '1', authMode: 'oauth2', clientId: 'client-1', certificateId: 'cert-1', privateKey: key } });
    expect(saved.values).toMatchObject({ authMode: 'oauth2', clientId: 'client-1', certificateId: 'cert-1', privateKey: maskedSecret, consumerKey: '' });
    expect((await store.resolve(saved.id)).values.privateKey).toBe(key);
    expect(await store.allSecretValues()).toContain(key);
  });

  it('refuses missing required secrets and unknown fields, with the field named', async () => {
    await expect(store.save({ name: 'x', kind: 'netsuite', values: { accountId: '1' } })).rejects.toThrow(expect.objectContaining({ code: 'invalid_connection', details: { field: 'consumerKey' } }));
    await expect(store.save({ name: 'x', kind: 'your_app', values: { baseUrl: 'http://x.test', apiKey: 'k', nope: 1 } })).rejects.toThrow(/no field "nope"/);
    // Too short to be hidden by value in journals and errors: refused, never stored.
    await expect(store.save({ name: 'x', kind: 'your_app', values: { baseUrl: 'http://x.test', apiKey: 'abc12' } })).rejects.toThrow(expect.objectContaining({ code: 'invalid_connection', details: { field: 'apiKey' } }));
  });

  it('keeps every planted secret out of what the database stores', async () => {
    await store.save({ name: 'App', kind: 'your_app', values: { baseUrl: app.url, apiKey } });
    const stored = await db.storedText();
    // What is stored in clear is there (so this reads the right place); the secrets are not.
    expect(stored).toContain(app.url);
    for (const s of [...Object.values(planted), apiKey]) expect(stored).not.toContain(s);
  });

  it('tests connections: success, wrong credentials, unreachable host, all without secrets in the result', async () => {
    const saved = await store.save({ name: 'NS', kind: 'netsuite', values: netsuiteValues() });
    const ok = await testConnection(store, { id: saved.id });
    expect(ok).toMatchObject({ ok: true, code: null, message: expect.stringContaining('account 4444444_SB1 with token-based auth;') });
    const wrong = await testConnection(store, { id: saved.id, values: { tokenSecret: 'PLANTED-wrong-secret-1' } });
    expect(wrong).toMatchObject({ ok: false, code: 'auth_failed' });
    const unreachable = await testConnection(store, { kind: 'your_app', values: { baseUrl: 'http://127.0.0.1:9', apiKey } });
    expect(unreachable).toMatchObject({ ok: false, code: 'network_error' });
    const badKey = await testConnection(store, { kind: 'your_app', values: { baseUrl: app.url, apiKey: 'PLANTED-not-the-key' } });
    expect(badKey).toMatchObject({ ok: false, code: 'auth_failed' });
    expect((await testConnection(store, { kind: 'your_app', values: { baseUrl: app.url, apiKey } })).ok).toBe(true);
    const all = JSON.stringify([ok, wrong, unreachable, badKey]);
    for (const s of [...Object.values(planted), apiKey, 'PLANTED-wrong-secret-1', 'PLANTED-not-the-key']) expect(all).not.toContain(s);
  });

  it('deletes a connection and its secrets', async () => {
    const saved = await store.save({ name: 'Temp', kind: 'your_app', values: { baseUrl: app.url, apiKey } });
    await store.deleteSecrets(saved.id);
    expect((await store.get(saved.id)).values.apiKey).toBe('');
    expect(await store.delete(saved.id)).toBe(true);
    await expect(store.get(saved.id)).rejects.toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('starts the demo sandbox with working, saved connections', async () => {
    const demo = await startDemoSandbox(store, { orders: 5 });
    try {
      expect(await testConnection(store, { id: demo.connectionIds.netsuite })).toMatchObject({ ok: true });
      expect(await testConnection(store, { id: demo.connectionIds.netsuiteM2m })).toMatchObject({ ok: true, message: expect.stringContaining('OAuth 2.0') });
      expect(await testConnection(store, { id: demo.connectionIds.yourApp })).toMatchObject({ ok: true });
      expect((await store.get(demo.connectionIds.netsuite)).values.baseUrl).toBe(demo.netsuite.url);
    } finally {
      await demo.close();
    }
  });
});
