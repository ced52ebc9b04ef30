import { isPatchbayError, PatchbayError, toErrorPayload } from '../api/errors';
import { connectionFields, maskedSecret, type ConnectionKind, type ConnectionTestResult } from '../api/methods/connections';
import { NetSuiteClient } from '../connectors/netsuite/client';
import { redactSecrets, redactString } from '../secrets/redact';
import type { ConnectionStore } from './store';
import { checkRequired, splitValues, type FieldValues } from './values';

// "Test connection": one cheap authenticated call per kind. Results are data, not exceptions, and
// are scrubbed of every secret involved before they leave.

export interface TestConnectionArgs {
  readonly id?: string | undefined;
  readonly kind?: ConnectionKind | undefined;
  readonly values?: FieldValues | undefined;
}

function effectiveValues(store: ConnectionStore, args: TestConnectionArgs): { kind: ConnectionKind; values: Record<string, string | number> } {
  if (args.id) {
    const saved = store.resolve(args.id);
    const merged: Record<string, string | number> = { ...saved.values };
    for (const [k, v] of Object.entries(args.values ?? {})) {
      if (v === null || v === maskedSecret) continue;
      merged[k] = v;
    }
    return { kind: saved.kind, values: merged };
  }
  if (!args.kind) throw new PatchbayError('bad_request', 'Give a saved connection id, or a kind and its values.');
  const { config, secrets } = splitValues(args.kind, args.values ?? {});
  const clear: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets)) if (v) clear[k] = v;
  checkRequired(args.kind, config, clear);
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(config)) if (v !== null) values[k] = v;
  return { kind: args.kind, values: { ...values, ...clear } };
}

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

async function probe(kind: ConnectionKind, values: Record<string, string | number>, signal?: AbortSignal): Promise<string> {
  if (kind === 'netsuite') {
    const client = new NetSuiteClient(
      {
        accountId: str(values.accountId),
        consumerKey: str(values.consumerKey),
        consumerSecret: str(values.consumerSecret),
        tokenId: str(values.tokenId),
        tokenSecret: str(values.tokenSecret),
        baseUrl: values.baseUrl === undefined ? undefined : str(values.baseUrl),
      },
      { maxAttempts: 2, baseDelayMs: 250, timeoutMs: 20_000 },
    );
    const r = await client.test(signal);
    return `Connected to NetSuite account ${r.accountId}; ${r.purchaseOrders} purchase order(s) visible to this token.`;
  }
  const base = str(values.baseUrl);
  if (!base) return 'Nothing to test: this connection has no base URL.';
  const url = kind === 'your_app' ? `${base}/orders` : base;
  const headers: Record<string, string> = {};
  if (kind === 'your_app') headers.Authorization = `Bearer ${str(values.apiKey)}`;
  else if (values.token !== undefined) headers[str(values.authHeader) || 'Authorization'] = values.authScheme ? `${str(values.authScheme)} ${str(values.token)}` : str(values.token);
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: signal ?? AbortSignal.timeout(20_000) });
    await res.arrayBuffer();
  } catch (e) {
    throw new PatchbayError('network_error', `Could not reach ${new URL(url).host}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : 'network failure'}. Check the URL.`);
  }
  if (res.status === 401 || res.status === 403) throw new PatchbayError('auth_failed', `${new URL(url).host} refused the credentials (HTTP ${res.status}). Check the API key.`);
  if (res.status >= 400) throw new PatchbayError('http_error', `${new URL(url).host} answered HTTP ${res.status} to GET ${new URL(url).pathname}.`, { status: res.status });
  return `Connected to ${new URL(url).host} (HTTP ${res.status}).`;
}

export async function testConnection(store: ConnectionStore, args: TestConnectionArgs, signal?: AbortSignal): Promise<ConnectionTestResult> {
  let secrets: string[] = [];
  try {
    const { kind, values } = effectiveValues(store, args);
    const secretKeys = new Set(connectionFields[kind].filter((f) => f.secret).map((f) => f.key));
    secrets = Object.entries(values)
      .filter(([k, v]) => secretKeys.has(k) && typeof v === 'string')
      .map(([, v]) => String(v));
    const message = await probe(kind, values, signal);
    return { ok: true, code: null, message: redactString(message, secrets) };
  } catch (e) {
    const payload = toErrorPayload(e);
    const code = isPatchbayError(e) ? payload.code : 'internal';
    return redactSecrets({ ok: false, code, message: payload.message, ...(payload.details === undefined ? {} : { details: payload.details }) }, secrets);
  }
}
