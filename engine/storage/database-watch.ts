import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from './postgres';

// A process on PostgreSQL (`patchbay worker`, its run threads) when the database goes away
// (issue 15, "Failure is normal"): it neither crashes nor fails runs; it waits with a growing
// delay, says so once per outage, and carries on when the database answers again. Runs' writes
// are transactions, so what was in flight when it went away is not half-written.

/**
 * Says once that PostgreSQL is unavailable and once that it is back, however many waits overlap
 * (every query of every run waiting at once is one outage to the operator).
 */
export class OutageNotice {
  private waiting = 0;

  /** `tell` gets the line and whether it starts or ends the outage (a run thread passes both on). */
  constructor(private readonly tell: (line: string, state: 'begin' | 'end') => void) {}

  begin(line: string): void {
    if (this.waiting++ === 0) this.tell(line, 'begin');
  }

  /** `line` is left out when the wait was given up rather than answered. */
  end(line?: string): void {
    if (--this.waiting === 0 && line) this.tell(line, 'end');
  }
}

export type DatabaseWatchOptions = {
  /** A cheap query (SELECT 1). */
  readonly probe: () => Promise<unknown>;
  /** The database as it may be shown (a URL without its password). */
  readonly describe: string;
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
} & (
  | { readonly log: (line: string) => void }
  /** Shared with the process's other watches, so one outage is told once. */
  | { readonly notice: OutageNotice }
);

export class DatabaseWatch {
  private waiting: Promise<void> | null = null;
  private readonly notice: OutageNotice;

  constructor(private readonly opts: DatabaseWatchOptions) {
    this.notice = 'notice' in opts ? opts.notice : new OutageNotice(opts.log);
  }

  /** Resolves once the database answers; callers waiting at once share one wait (and one message). */
  available(): Promise<void> {
    return (this.waiting ??= this.untilAvailable(this.opts.probe).then(() => undefined).finally(() => (this.waiting = null)));
  }

  /**
   * Runs `attempt` again (after a growing delay) until it does not fail for want of the database;
   * any other error is thrown. `signal` gives up the wait (Ctrl+C on a worker starting while
   * PostgreSQL is down).
   */
  async untilAvailable<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let delay = this.opts.firstDelayMs ?? 1000;
    let said = false;
    try {
      for (;;) {
        signal?.throwIfAborted();
        try {
          const result = await attempt();
          if (said) this.notice.end(`PostgreSQL at ${this.opts.describe} is available again.`);
          said = false;
          return result;
        } catch (e) {
          if (!isDatabaseUnavailable(e)) throw e;
          if (!said) this.notice.begin(`PostgreSQL at ${this.opts.describe} is unavailable: retrying in ${delay / 1000}s (and then less often, until it answers).`);
          said = true;
          await sleep(delay, undefined, signal ? { signal } : {});
          delay = Math.min(delay * 2, this.opts.maxDelayMs ?? 30_000);
        }
      }
    } finally {
      if (said) this.notice.end();
    }
  }

  /**
   * Runs `attempt`; when it fails for want of the database, waits (with everyone else waiting)
   * until the database answers and runs it again. For work that cannot be repeated blindly on a
   * database still down (a fresh connection per try), unlike `untilAvailable`'s own attempts.
   */
  async retry<T>(attempt: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      try {
        return await attempt();
      } catch (e) {
        if (!isDatabaseUnavailable(e)) throw e;
        // The probe may answer while the attempt still fails (no connection left for it): not in a tight loop.
        if (failures > 0) await sleep(Math.min((this.opts.firstDelayMs ?? 1000) * 2 ** (failures - 1), this.opts.maxDelayMs ?? 30_000));
        await this.available();
      }
    }
  }
}
