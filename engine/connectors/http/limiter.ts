// A counting semaphore. NetSuite limits concurrency per account (not per user or per run), so
// limiters are kept in a process-wide registry keyed by account: every run, block and strategy
// touching the same account waits in the same queue.
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private maxSeen = 0;

  constructor(private limitValue: number) {
    if (!Number.isInteger(limitValue) || limitValue < 1) throw new RangeError('concurrency limit must be a positive integer');
  }

  get limit(): number {
    return this.limitValue;
  }

  /** Raise or lower the limit; waiters start as soon as room appears. */
  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('concurrency limit must be a positive integer');
    this.limitValue = limit;
    this.drain();
  }

  get inFlight(): number {
    return this.active;
  }

  get peak(): number {
    return this.maxSeen;
  }

  get queued(): number {
    return this.waiters.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    if (this.active < this.limitValue) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.take();
        resolve();
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(start);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(start);
    });
  }

  private take(): void {
    this.active++;
    if (this.active > this.maxSeen) this.maxSeen = this.active;
  }

  private release(): void {
    this.active--;
    this.drain();
  }

  private drain(): void {
    while (this.active < this.limitValue && this.waiters.length > 0) {
      const next = this.waiters.shift();
      next?.();
    }
  }
}

const registry = new Map<string, ConcurrencyLimiter>();

/**
 * The limiter shared by everything that talks to `key` (e.g. `netsuite:1234567_SB1`). The first
 * caller fixes the limit; a later caller passing a different limit updates it (the connection's
 * setting changed), which is what a user editing the connection expects.
 */
export function sharedLimiter(key: string, limit: number): ConcurrencyLimiter {
  const existing = registry.get(key);
  if (existing) {
    if (existing.limit !== limit) existing.setLimit(limit);
    return existing;
  }
  const created = new ConcurrencyLimiter(limit);
  registry.set(key, created);
  return created;
}
