import { z } from 'zod';
import { PatchbayError } from '../../api/errors';
import { defineBlock } from './types';

const methodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const stringMap = z.record(z.string(), z.unknown()).default({});

const httpConfigSchema = z.object({
  method: methodSchema.default('GET'),
  url: z.string().min(1, 'enter the URL to call'),
  headers: stringMap,
  query: stringMap,
  body: z.unknown().optional(),
  timeoutMs: z.coerce.number().int().min(100).max(300_000).default(30_000),
  connectionId: z.string().optional(),
});

export interface HttpResponseOutput {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

function buildUrl(raw: string, query: Record<string, unknown>): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PatchbayError('invalid_config', `"${raw}" is not a valid URL; include the scheme, e.g. https://api.example.com/orders.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PatchbayError('invalid_config', `Only http and https URLs can be called (got ${url.protocol}).`);
  }
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  return url;
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function describeNetworkError(e: unknown, url: URL): PatchbayError {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (e as Error).message;
  return new PatchbayError('network_error', `Could not reach ${url.host} (${detail}). Check the URL and that the server is running.`, { host: url.host, cause: detail });
}

/** JSON API Call: one HTTP request; a non-2xx answer fails the step with the response attached. */
export const httpRequestBlock = defineBlock({
  kind: 'http_request',
  title: 'JSON API Call',
  category: 'http',
  description: 'Calls an HTTP API with a JSON body and returns status, headers and the parsed body.',
  configSchema: httpConfigSchema,
  ports: ['out'],
  defaultConfig: { method: 'GET', url: 'https://', headers: {}, query: {}, timeoutMs: 30000 },
  async execute(config, ctx) {
    const url = buildUrl(config.url, config.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [k, v] of Object.entries(config.headers)) headers[k.toLowerCase()] = String(v);
    const hasBody = config.body !== undefined && config.body !== null && config.body !== '' && config.method !== 'GET';
    if (hasBody && !headers['content-type']) headers['content-type'] = 'application/json';
    if (config.method !== 'GET') headers['idempotency-key'] ??= ctx.idempotencyKey;
    const body = hasBody ? (typeof config.body === 'string' ? config.body : JSON.stringify(config.body)) : undefined;

    if (ctx.mode === 'test' && config.method !== 'GET') {
      // Test syncs never write: show the exact request instead.
      return { output: { dryRun: true, request: { method: config.method, url: url.toString(), headers, body: config.body ?? null } } };
    }
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(config.timeoutMs)]);
    let res: Response;
    try {
      res = await fetch(url, { method: config.method, headers, body, signal });
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') {
        throw new PatchbayError('timeout', `${url.host} did not answer within ${config.timeoutMs} ms.`, { host: url.host });
      }
      if (ctx.signal.aborted) throw e;
      throw describeNetworkError(e, url);
    }
    const output: HttpResponseOutput = {
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: await parseBody(res),
    };
    if (!res.ok) {
      throw new PatchbayError('http_error', `${config.method} ${url.host}${url.pathname} answered ${res.status} ${res.statusText}.`, { response: output });
    }
    return { output };
  },
});
