import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../simulators/your-app';
import type { ConnectionStore } from './store';

// The app's built-in "Demo sandbox": both simulators on loopback, and two saved connections that
// point at them. Simulator ports and credentials are fresh each start, so the connections (fixed
// ids) are re-saved every time; the store encrypts them like any other.

export const demoConnectionIds = { netsuite: 'demo-netsuite', yourApp: 'demo-your-app' } as const;

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
  const account = demoAccountSpec({ orders: opts.orders ?? 250 });
  const netsuite = await startNetSuiteSimulator({ accounts: [account], latencyMs: opts.latencyMs ?? 0 });
  const yourApp = await startYourAppSimulator({ shipAfterMs: opts.shipAfterMs });
  store.save({
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
  store.save({ id: demoConnectionIds.yourApp, name: 'Demo Your App', kind: 'your_app', values: { baseUrl: yourApp.url, apiKey: yourApp.apiKey } });
  return {
    netsuite,
    yourApp,
    connectionIds: demoConnectionIds,
    close: async () => {
      await Promise.all([netsuite.close(), yourApp.close()]);
    },
  };
}
