import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../../storage/postgres';

// `patchbay worker` on PostgreSQL (issue 15, "Failure is normal"): when the database goes away
// the worker neither crashes nor fails runs; it waits with a growing delay, says so once per
// outage, and carries on when the database answers again. Runs' writes are transactions, so what
// was in flight when it went away is not half-written.

export interface DatabaseWatchOptions {
  /** A cheap query (SELECT 1). */
  readonly probe: () => Promise<unknown>;
  /** The database as it may be shown (a URL without its password). */
  readonly describe: string;
  readonly log: (line: string) => void;
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

export class DatabaseWatch {
  private waiting: Promise<void> | null = null;

  constructor(private readonly opts: DatabaseWatchOptions) {}

  /** Resolves once the database answers; callers waiting at once share one wait (and one message). */
  available(): Promise<void> {
    return (this.waiting ??= this.untilAvailable(this.opts.probe).then(() => undefined).finally(() => (this.waiting = null)));
  }

  /**
   * Runs `attempt` until it does not fail for want of the database; any other error is thrown.
   * `signal` gives up the wait (Ctrl+C on a worker starting while PostgreSQL is down).
   */
  async untilAvailable<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let delay = this.opts.firstDelayMs ?? 1000;
    let said = false;
    for (;;) {
      signal?.throwIfAborted();
      try {
        const result = await attempt();
        if (said) this.opts.log(`PostgreSQL at ${this.opts.describe} is available again.`);
        return result;
      } catch (e) {
        if (!isDatabaseUnavailable(e)) throw e;
        if (!said) this.opts.log(`PostgreSQL at ${this.opts.describe} is unavailable: retrying in ${delay / 1000}s (and then less often, until it answers).`);
        said = true;
        await sleep(delay, undefined, signal ? { signal } : {});
        delay = Math.min(delay * 2, this.opts.maxDelayMs ?? 30_000);
      }
    }
  }
}
