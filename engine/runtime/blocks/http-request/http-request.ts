import { z } from 'zod';
import { PatchbayError } from '../../../errors/patchbay-error';
import { connectionStoreKey } from './connection-resolver';
import { connectionAuth, joinUrl } from '../../../connectors/http/connection-auth';
import { sendWithRetries } from '../../../connectors/http/send';
import { defineBlock, type BlockContext } from '../types';
import { reconcileWrite } from './reconcile';
import { buildUrl } from './url';

const methodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const stringMap = z.record(z.string(), z.unknown()).default({});

const httpConfigSchema = z.object({
  method: methodSchema.default('GET'),
  url: z.string().min(1, 'enter the URL to call'),
  headers: stringMap,
  query: stringMap,
  body: z.unknown().optional(),
  timeoutMs: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Extra attempts on 429, 5xx, timeouts and unreachable hosts. */
  retries: z.coerce.number().int().min(0).max(10).default(2),
  /** A Your App or HTTP connection: base URL for relative URLs, and the credential header. */
  connectionId: z.string().optional(),
});

export type { HttpResponseOutput } from '../../../connectors/http/send';

async function authFor(ctx: BlockContext, connectionId: string | undefined): Promise<{ baseUrl: string | null; headers: Record<string, string> }> {
  if (!connectionId) return { baseUrl: null, headers: {} };
  return connectionAuth(await ctx.services.get(connectionStoreKey).resolve(connectionId));
}

/** Credentials never appear in a dry run's request. */
function withoutCredentials(headers: Record<string, string>, credentialHeaders: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, credentialHeaders.includes(k) ? '[redacted]' : v]));
}

/** JSON API Call: one HTTP request; a non-2xx answer fails the step with the response attached. */
export const httpRequestBlock = defineBlock({
  kind: 'http_request',
  title: 'JSON API Call',
  category: 'http',
  icon: '⇄',
  idPrefix: 'call',
  description: 'Calls an HTTP API with a JSON body and returns status, headers and the parsed body.',
  configSchema: httpConfigSchema,
  ports: ['out'],
  defaultConfig: { method: 'GET', url: '', headers: {}, query: {}, body: null, timeoutMs: 30000, retries: 2 },
  // Other methods write, and a test-mode run only shows the request: nothing to replay.
  readsExternal: (config) => config.method === 'GET',
  // Through a connection whose API can find the write again (Your App: by external_order_id).
  reconcile: (config, ctx) => reconcileWrite(config, ctx),
  async execute(config, ctx) {
    const auth = await authFor(ctx, config.connectionId);
    const url = buildUrl(joinUrl(auth.baseUrl, config.url), config.query);
    if (auth.baseUrl && Object.keys(auth.headers).length > 0 && url.origin !== new URL(auth.baseUrl).origin) {
      // A connection's credentials go only to the connection's own host, whatever the URL says.
      throw new PatchbayError('invalid_config', `This connection's credentials are only sent to ${new URL(auth.baseUrl).origin}; use a path such as /orders, or remove the connection to call ${url.origin}.`);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [k, v] of Object.entries(config.headers)) headers[k.toLowerCase()] = String(v);
    Object.assign(headers, auth.headers);
    const hasBody = config.body !== undefined && config.body !== null && config.body !== '' && config.method !== 'GET';
    if (hasBody && !headers['content-type']) headers['content-type'] = 'application/json';
    if (config.method !== 'GET') headers['idempotency-key'] ??= ctx.idempotencyKey;
    const body = hasBody ? (typeof config.body === 'string' ? config.body : JSON.stringify(config.body)) : undefined;

    if (ctx.mode === 'test' && config.method !== 'GET') {
      // Test syncs never write: show the exact request instead.
      const shown = withoutCredentials(headers, Object.keys(auth.headers));
      return { output: { dryRun: true, request: { method: config.method, url: url.toString(), headers: shown, body: config.body ?? null } } };
    }
    const output = await sendWithRetries({ method: config.method, url, headers, body, timeoutMs: config.timeoutMs, retries: config.retries, signal: ctx.signal });
    return { output };
  },
});
