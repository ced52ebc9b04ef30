// Retries with exponential backoff and full jitter (so many clients that failed together do not
// retry together), honouring a server's Retry-After, with a bounded number of attempts.
export interface RetryPolicy {
  /** Total attempts including the first; 1 disables retries. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** A failed attempt the caller may retry; `retryAfterMs` comes from the server when it said so. */
export interface RetryDecision {
  readonly retry: boolean;
  readonly retryAfterMs?: number | undefined;
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After is either delta-seconds or an HTTP date. Returns ms, or undefined when absent/garbled. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt(n)` until it succeeds, `classify` says not to retry, or attempts run out; the last
 * error is rethrown. `onRetry` lets callers count retries (tests, journals).
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  opts: { signal?: AbortSignal | undefined; onRetry?: ((n: number, delayMs: number, error: unknown) => void) | undefined } = {},
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const decision = classify(error);
      if (!decision.retry || n >= policy.maxAttempts || opts.signal?.aborted) throw error;
      const backoff = backoffDelay(n, policy);
      const delay = decision.retryAfterMs !== undefined ? Math.min(policy.maxDelayMs, Math.max(decision.retryAfterMs, 0)) : backoff;
      opts.onRetry?.(n, delay, error);
      await sleep(delay, opts.signal);
    }
  }
}
