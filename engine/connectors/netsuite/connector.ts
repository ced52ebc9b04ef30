import { PatchbayError } from '../../errors/patchbay-error';
import { fieldValue } from '../../shared/connection-fields';
import type { ConnectionFieldSpec } from '../../api/methods/connections';
import { text, type ConnectionValues, type ConnectorDefinition } from '../connector';
import { NetSuiteClient } from './client';
import { m2mSetupPath } from './jwt-assertion';
import type { NetSuiteClientOptions, NetSuiteCredentials } from './types';

// One connector kind for NetSuite with two ways to log in: token-based auth (OAuth 1.0a) and
// OAuth 2.0 client credentials with a certificate. One kind keeps one definition of the account,
// its blocks and its installation slots; the auth mode only changes which fields apply.

const tba = { key: 'authMode', values: ['tba'] } as const;
const m2m = { key: 'authMode', values: ['oauth2'] } as const;

const fields: readonly ConnectionFieldSpec[] = [
  { key: 'accountId', label: 'Account ID', secret: false, required: true, type: 'text', help: 'As shown in NetSuite, e.g. 1234567 or 1234567_SB1 for a sandbox.' },
  {
    key: 'authMode',
    label: 'Authentication',
    secret: false,
    required: false,
    type: 'select',
    options: [
      { value: 'tba', label: 'Token-based (consumer key and token)' },
      { value: 'oauth2', label: 'OAuth 2.0 machine to machine (certificate)' },
    ],
    help: 'Oracle recommends OAuth 2.0 for new integrations; existing token-based ones keep working.',
  },
  { key: 'consumerKey', label: 'Consumer key', secret: true, required: true, type: 'text', help: 'From the integration record (Setup > Integration > Manage Integrations).', showWhen: tba },
  { key: 'consumerSecret', label: 'Consumer secret', secret: true, required: true, type: 'text', showWhen: tba },
  { key: 'tokenId', label: 'Token ID', secret: true, required: true, type: 'text', help: 'From Setup > Users/Roles > Access Tokens.', showWhen: tba },
  { key: 'tokenSecret', label: 'Token secret', secret: true, required: true, type: 'text', showWhen: tba },
  { key: 'clientId', label: 'Client ID', secret: false, required: true, type: 'text', help: 'The integration record\'s client id (shown once when the record is saved), with "Client Credentials (Machine to Machine) Grant" checked.', showWhen: m2m },
  { key: 'certificateId', label: 'Certificate ID', secret: false, required: true, type: 'text', help: `The id NetSuite shows for the certificate mapping in ${m2mSetupPath}.`, showWhen: m2m },
  { key: 'privateKey', label: 'Private key', secret: true, required: true, type: 'text', multiline: true, help: 'PEM private key of the certificate you uploaded (RSA 3072+ bits or EC P-256/384/521), starting -----BEGIN PRIVATE KEY-----.', showWhen: m2m },
  { key: 'baseUrl', label: 'Host override', secret: false, required: false, type: 'url', help: 'Leave empty to use <account>.suitetalk.api.netsuite.com.' },
  { key: 'concurrency', label: 'Concurrent requests', secret: false, required: false, type: 'number', help: "The account's limit is shared by all integrations (5 on most accounts)." },
];

/** The credentials a connection's values describe, in its auth mode. */
export function netsuiteCredentials(values: ConnectionValues): NetSuiteCredentials {
  const authMode = fieldValue(fields[1] as ConnectionFieldSpec, values);
  const address = { accountId: text(values, 'accountId'), baseUrl: values.baseUrl === undefined ? undefined : text(values, 'baseUrl') };
  if (authMode === 'oauth2') {
    return { ...address, authMode: 'oauth2', clientId: text(values, 'clientId'), certificateId: text(values, 'certificateId'), privateKey: text(values, 'privateKey') };
  }
  return {
    ...address,
    authMode: 'tba',
    consumerKey: text(values, 'consumerKey'),
    consumerSecret: text(values, 'consumerSecret'),
    tokenId: text(values, 'tokenId'),
    tokenSecret: text(values, 'tokenSecret'),
  };
}

/** A NetSuite client for a connection's values (TBA signs each request; OAuth 2.0 caches a token). */
export function netsuiteClientFor(values: ConnectionValues, opts: NetSuiteClientOptions = {}): NetSuiteClient {
  return new NetSuiteClient(netsuiteCredentials(values), { ...opts, concurrency: typeof values.concurrency === 'number' ? values.concurrency : opts.concurrency });
}

/** With OAuth 2.0, a failure that names no step happened in the third one: the API call itself. */
function asApiStep(e: unknown): unknown {
  if (!(e instanceof PatchbayError) || /^Step \d of 3/.test(e.message)) return e;
  const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
  return new PatchbayError(e.code, `Step 3 of 3 (reading purchase orders with the access token): ${e.message}`, { ...details, step: 'api' });
}

export const netsuiteConnector: ConnectorDefinition = {
  kind: 'netsuite',
  label: 'NetSuite',
  fields,
  requestAuth: () => null,
  async test(values, signal) {
    const client = netsuiteClientFor(values, { maxAttempts: 2, baseDelayMs: 250, timeoutMs: 20_000 });
    const r = await client.test(signal).catch((e: unknown) => {
      throw client.transport.auth.mode === 'oauth2' ? asApiStep(e) : e;
    });
    const how = client.transport.auth.mode === 'oauth2' ? 'OAuth 2.0 (certificate)' : 'token-based auth';
    return `Connected to NetSuite account ${r.accountId} with ${how}; ${r.purchaseOrders} purchase order(s) visible.`;
  },
};
