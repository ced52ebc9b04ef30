import type { Redis } from 'ioredis';
import { REDIS_RETRY_MS, shownRedisUrl, type RedisTarget } from './redis';

// A Redis outage told once: every client of a process (BullMQ's and the pub/sub ones) reports
// each failed reconnect as an error, which would fill the log with one line per client per
// second. The process's own pub/sub clients say when Redis is gone and back; errors of any
// client while it is gone are that outage and are not repeated.

/** Errors that only say the connection to Redis failed or dropped (the clients reconnect). */
const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Connection is closed|Stream isn't writeable|connect ETIMEDOUT/i;

export class RedisOutage {
  private since: number | null = null;
  private stopped = false;

  /** `say` gets one line at the start of an outage and one at its end. */
  constructor(private readonly target: RedisTarget, private readonly say: (line: string) => void) {}

  /** Whether Redis is away as far as this process knows. */
  get down(): boolean {
    return this.since !== null;
  }

  /** Watches one of the process's own clients: its failed connects begin an outage, `ready` ends it. */
  watch(client: Redis): void {
    client.on('error', (e: Error) => this.error(e, 'Redis: ', true));
    client.on('ready', () => this.back());
  }

  /**
   * Any client's error: a connection error is the outage (told once), others are told as they
   * come (after `label`), except while Redis is away.
   */
  error(e: Error, label = 'Redis: ', fromWatched = false): void {
    if (this.stopped) return;
    if (CONNECTION_ERROR.test(e.message) || CONNECTION_ERROR.test((e as NodeJS.ErrnoException).code ?? '')) {
      // BullMQ's clients may notice first or last; the process's own clients decide.
      if (!fromWatched || this.since !== null) return;
      this.since = Date.now();
      this.say(`Redis at ${shownRedisUrl(this.target)} is not answering (${e.message}); retrying every ${REDIS_RETRY_MS / 1000} s. Runs wait on the queue meanwhile and go on when it is back.`);
      return;
    }
    if (this.since === null) this.say(`${label}${e.message}`);
  }

  private back(): void {
    if (this.since === null || this.stopped) return;
    const away = Math.round((Date.now() - this.since) / 1000);
    this.since = null;
    this.say(`Redis at ${shownRedisUrl(this.target)} answers again (it was away for about ${away} s).`);
  }

  /** The process is closing its clients: their errors are no outage. */
  stop(): void {
    this.stopped = true;
  }
}
