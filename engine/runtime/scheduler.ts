import { CronExpressionParser } from 'cron-parser';

export interface ScheduleSpec {
  readonly intervalSeconds?: number | undefined;
  readonly cron?: string | undefined;
}

export interface ScheduledJob {
  /** Stable identity, e.g. `<installationId>:<workflowId>`. */
  readonly key: string;
  readonly schedule: ScheduleSpec;
  /** Starts one run; resolves when it ends, so a job never overlaps itself. */
  run(): Promise<unknown>;
}

/** The next time a schedule fires after `from`; null if the spec has neither interval nor cron. */
export function nextFireTime(spec: ScheduleSpec, from: Date): Date | null {
  if (spec.cron) return CronExpressionParser.parse(spec.cron, { currentDate: from }).next().toDate();
  if (spec.intervalSeconds) return new Date(from.getTime() + spec.intervalSeconds * 1000);
  return null;
}

/**
 * Fires scheduled (poll) workflows. Every tick it re-reads the job list, so installs, disables
 * and new releases take effect without explicit notifications; a job whose previous run is still
 * going is skipped rather than stacked.
 */
export class Scheduler {
  private readonly next = new Map<string, number>();
  private readonly running = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** The pass under way: a tick while the job list is still being read joins it instead of firing twice. */
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly listJobs: () => Promise<readonly ScheduledJob[]>,
    private readonly onError: (key: string, error: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(tickMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass; public so tests drive time instead of waiting for it. */
  tick(): Promise<void> {
    this.ticking ??= this.pass().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async pass(): Promise<void> {
    const now = this.now();
    const seen = new Set<string>();
    let jobs: readonly ScheduledJob[];
    try {
      jobs = await this.listJobs();
    } catch (e) {
      this.onError('*', e);
      return;
    }
    for (const job of jobs) {
      seen.add(job.key);
      try {
        this.consider(job, now);
      } catch (e) {
        // One bad schedule must not stop the others, nor the host.
        this.onError(job.key, e);
      }
    }
    for (const key of [...this.next.keys()]) if (!seen.has(key)) this.next.delete(key);
  }

  private consider(job: ScheduledJob, now: Date): void {
    let due = this.next.get(job.key);
    if (due === undefined) {
      const first = nextFireTime(job.schedule, now);
      if (!first) return;
      due = first.getTime();
      this.next.set(job.key, due);
    }
    if (due > now.getTime() || this.running.has(job.key)) return;
    const following = nextFireTime(job.schedule, now);
    if (following) this.next.set(job.key, following.getTime());
    this.running.add(job.key);
    job
      .run()
      .catch((e: unknown) => this.onError(job.key, e))
      .finally(() => this.running.delete(job.key));
  }
}
