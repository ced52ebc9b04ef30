import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../simulators/your-app';
import type { ConnectionStore } from './store';

// The app's built-in "Demo sandbox": both simulators on loopback, and saved connections that
// point at them (NetSuite twice: token-based auth and OAuth 2.0 client credentials). Simulator ports and credentials are fresh each start, so the connections (fixed
// ids) are re-saved every time; the store encrypts them like any other.

export const demoConnectionIds = { netsuite: 'demo-netsuite', netsuiteM2m: 'demo-netsuite-m2m', yourApp: 'demo-your-app' } as const;

export interface DemoSandbox {
  readonly netsuite: NetSuiteSimulator;
  readonly yourApp: YourAppSimulator;
  readonly connectionIds: typeof demoConnectionIds;
  close(): Promise<void>;
}

export async function startDemoSandbox(
  store: ConnectionStore,
  opts: { orders?: number | undefined; latencyMs?: number | undefined; shipAfterMs?: number | undefined } = {},
): Promise<DemoSandbox> {
  // The same account also takes OAuth 2.0 client credentials, with a key pair made for this start.
  const m2mKeys = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const m2m = { clientId: randomBytes(16).toString('hex'), certificates: [{ id: 'demo-cert-1', publicKey: m2mKeys.publicKey }] };
  const account = demoAccountSpec({ orders: opts.orders ?? 250, oauth2: m2m });
  const netsuite = await startNetSuiteSimulator({ accounts: [account], latencyMs: opts.latencyMs ?? 0 });
  const yourApp = await startYourAppSimulator({ shipAfterMs: opts.shipAfterMs });
  await store.save({
    id: demoConnectionIds.netsuite,
    name: 'Demo sandbox (NetSuite)',
    kind: 'netsuite',
    values: {
      accountId: account.accountId,
      consumerKey: account.consumerKey,
      consumerSecret: account.consumerSecret,
      tokenId: account.tokenId,
      tokenSecret: account.tokenSecret,
      baseUrl: netsuite.url,
    },
  });
  await store.save({
    id: demoConnectionIds.netsuiteM2m,
    name: 'Demo sandbox (NetSuite, OAuth 2.0)',
    kind: 'netsuite',
    values: { accountId: account.accountId, authMode: 'oauth2', clientId: m2m.clientId, certificateId: 'demo-cert-1', privateKey: m2mKeys.privateKey, baseUrl: netsuite.url },
  });
  await store.save({ id: demoConnectionIds.yourApp, name: 'Demo Your App', kind: 'your_app', values: { baseUrl: yourApp.url, apiKey: yourApp.apiKey } });
  return {
    netsuite,
    yourApp,
    connectionIds: demoConnectionIds,
    close: async () => {
      await Promise.all([netsuite.close(), yourApp.close()]);
    },
  };
}
