import { text, type ConnectionValues, type ConnectorDefinition } from '../connector';
import { NetSuiteClient } from './client';
import type { NetSuiteClientOptions } from './types';

/** A NetSuite client for a connection's values (token-based auth; requests are signed per call). */
export function netsuiteClientFor(values: ConnectionValues, opts: NetSuiteClientOptions = {}): NetSuiteClient {
  return new NetSuiteClient(
    {
      accountId: text(values, 'accountId'),
      consumerKey: text(values, 'consumerKey'),
      consumerSecret: text(values, 'consumerSecret'),
      tokenId: text(values, 'tokenId'),
      tokenSecret: text(values, 'tokenSecret'),
      baseUrl: values.baseUrl === undefined ? undefined : text(values, 'baseUrl'),
    },
    { ...opts, concurrency: typeof values.concurrency === 'number' ? values.concurrency : opts.concurrency },
  );
}

/** NetSuite with token-based auth (TBA). Its requests are signed by the client, not given headers. */
export const netsuiteConnector: ConnectorDefinition = {
  kind: 'netsuite',
  label: 'NetSuite (token-based auth)',
  fields: [
    { key: 'accountId', label: 'Account ID', secret: false, required: true, type: 'text', help: 'As shown in NetSuite, e.g. 1234567 or 1234567_SB1 for a sandbox.' },
    { key: 'consumerKey', label: 'Consumer key', secret: true, required: true, type: 'text', help: 'From the integration record (Setup > Integration > Manage Integrations).' },
    { key: 'consumerSecret', label: 'Consumer secret', secret: true, required: true, type: 'text' },
    { key: 'tokenId', label: 'Token ID', secret: true, required: true, type: 'text', help: 'From Setup > Users/Roles > Access Tokens.' },
    { key: 'tokenSecret', label: 'Token secret', secret: true, required: true, type: 'text' },
    { key: 'baseUrl', label: 'Host override', secret: false, required: false, type: 'url', help: 'Leave empty to use <account>.suitetalk.api.netsuite.com.' },
    { key: 'concurrency', label: 'Concurrent requests', secret: false, required: false, type: 'number', help: "The account's limit is shared by all integrations (5 on most accounts)." },
  ],
  requestAuth: () => null,
  async test(values, signal) {
    const client = netsuiteClientFor(values, { maxAttempts: 2, baseDelayMs: 250, timeoutMs: 20_000 });
    const r = await client.test(signal);
    return `Connected to NetSuite account ${r.accountId}; ${r.purchaseOrders} purchase order(s) visible to this token.`;
  },
};
