import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './limiter';
import { backoffDelay, parseRetryAfter, withRetries } from './retry';

describe('retries', () => {
  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped at the maximum', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(8, policy, () => 1)).toBe(1000);
  });

  it('uses the server\'s Retry-After (seconds or HTTP date) instead of its own backoff', async () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    const delays: number[] = [];
    let n = 0;
    await withRetries(
      async () => {
        if (++n < 3) throw new Error('busy');
        return 'ok';
      },
      () => ({ retry: true, retryAfterMs: 7 }),
      { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 },
      { onRetry: (_n, d) => delays.push(d) },
    );
    expect(delays).toEqual([7, 7]);
  });

  it('stops after maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    const run = withRetries(
      async () => {
        calls++;
        throw new Error(`fail ${calls}`);
      },
      () => ({ retry: true }),
      { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    );
    await expect(run).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more tasks at once than its limit', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(limiter.peak).toBe(3);
  });
});
