import { PatchbayError } from '../../errors/patchbay-error';
import { defaultRetryPolicy, parseRetryAfter, withRetries, type RetryDecision } from './retry';
import { parseJson } from '../../api/safe-json';

export interface HttpResponseOutput {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface SendOptions {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly signal: AbortSignal;
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      return parseJson(text, "The server's JSON answer");
    } catch (e) {
      if (e instanceof PatchbayError) throw new PatchbayError('invalid_response', e.message, e.details);
      return text;
    }
  }
  return text;
}

function networkError(e: unknown, url: URL): PatchbayError {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (e as Error).message;
  return new PatchbayError('network_error', `Could not reach ${url.host} (${detail}). Check the URL and that the server is running.`, { host: url.host, cause: detail });
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

function classify(error: unknown): RetryDecision {
  if (!(error instanceof PatchbayError)) return { retry: false };
  if (error.code === 'network_error' || error.code === 'timeout') return { retry: true };
  const response = (error.details as { response?: HttpResponseOutput } | undefined)?.response;
  if (error.code === 'http_error' && response && RETRYABLE_STATUS.has(response.status)) {
    return { retry: true, retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
  }
  return { retry: false };
}

function transportError(e: unknown, o: SendOptions): unknown {
  if (o.signal.aborted) return e;
  if ((e as Error).name === 'TimeoutError') return new PatchbayError('timeout', `${o.url.host} did not answer within ${o.timeoutMs} ms.`, { host: o.url.host });
  return networkError(e, o.url);
}

async function sendOnce(o: SendOptions): Promise<HttpResponseOutput> {
  let output: HttpResponseOutput;
  let ok: boolean;
  let statusText: string;
  try {
    // The body is read under the same deadline: a server that sends headers and then stalls
    // is a timeout like one that never answers.
    const res = await fetch(o.url, { method: o.method, headers: o.headers, body: o.body, signal: AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]) });
    output = { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await parseBody(res) };
    ok = res.ok;
    statusText = res.statusText;
  } catch (e) {
    throw transportError(e, o);
  }
  if (!ok) {
    throw new PatchbayError('http_error', `${o.method} ${o.url.host}${o.url.pathname} answered ${output.status} ${statusText}.`, { response: output });
  }
  return output;
}

/**
 * One HTTP exchange with retries on 429, 5xx, timeouts and unreachable hosts (exponential
 * backoff with jitter, honouring Retry-After). A write carries its idempotency key on every
 * attempt, so a retried POST is not delivered twice by a receiver that honours it.
 */
export function sendWithRetries(o: SendOptions): Promise<HttpResponseOutput> {
  return withRetries(() => sendOnce(o), classify, { ...defaultRetryPolicy, maxAttempts: o.retries + 1, baseDelayMs: 250, maxDelayMs: 120_000 }, { signal: o.signal });
}
