import type { RunRecord } from '../api/records';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import type { RunsRepo } from '../storage/runs-repo';
import { failCrashedRun, judgeResume } from './crash-rule';

/** Why an interrupted run that can no longer be resumed failed. */
export const notResumable = { code: 'interrupted', message: 'Patchbay closed while this run was in progress and it could not be resumed; run it again.' } as const;

/**
 * Interrupted runs waiting to resume, picked up one at a time after the host is up. A run left
 * `queued` was interrupted by an orderly quit; one left `running` was running when the process
 * died, and goes through the crash rule (crash-rule.ts) first. With an executor that queues runs
 * (`patchbay server`), a run left `running` is most likely still running on a queue worker: the
 * server restarting is no crash of it, so the rule is left to the workers, who see their crashes.
 */
export class ResumeQueue {
  private readonly waiting: string[] = [];
  private draining: Promise<void> | null = null;
  private stopped = false;
  /** The last enqueue: they run one after another, so a run is never looked at twice at once. */
  private enqueuing: Promise<void> = Promise.resolve();

  constructor(
    private readonly runs: RunsRepo,
    private readonly checkpoints: CheckpointsRepo,
    private readonly loopItems: LoopItemsRepo,
    /** Launches the run and settles when it finishes; throws when it cannot be resumed. */
    private readonly resume: (runId: string) => Promise<RunRecord>,
    /** Throws when the run cannot be resumed (its document no longer validates). */
    private readonly check: (runId: string) => Promise<void>,
    /**
     * The executor queues runs itself (BullMQ): every run is handed over at once, not one after
     * another, and its workers apply the crash rule.
     */
    private readonly allAtOnce = false,
  ) {}

  /**
   * Settles once the runs are waiting (or were failed); they resume in the background. `skip` is
   * asked when the queue gets to a run (a run already resuming, listed before it started).
   */
  enqueue(runIds: readonly string[], skip: (runId: string) => boolean = () => false): Promise<void> {
    this.enqueuing = this.enqueuing.catch(() => undefined).then(() => this.add(runIds, skip));
    return this.enqueuing;
  }

  private async add(runIds: readonly string[], skip: (runId: string) => boolean): Promise<void> {
    for (const id of runIds) {
      if (this.waiting.includes(id) || skip(id)) continue;
      const before = await this.runs.get(id);
      const verdict = await judgeResume({ runs: this.runs, checkpoints: this.checkpoints, loopItems: this.loopItems }, id, before.status === 'running' && !this.allAtOnce);
      if (verdict.givenUp) {
        await failCrashedRun(this.runs, id, verdict.crashCount);
        continue;
      }
      try {
        await this.check(id);
      } catch {
        await this.runs.finish(id, 'failed', new Date().toISOString(), notResumable, null);
        continue;
      }
      await this.runs.markQueued(id, verdict);
      this.waiting.push(id);
    }
    if (this.waiting.length > 0 && !this.draining) this.draining = this.drain();
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.waiting.length > 0) {
      // Give the host its turn first (the bridge listens before any run resumes).
      await new Promise((r) => setImmediate(r));
      const id = this.waiting.shift();
      if (id === undefined || this.stopped) break;
      const failed = async (): Promise<void> => {
        await this.runs.finish(id, 'failed', new Date().toISOString(), notResumable, null);
      };
      try {
        const resumed = this.resume(id);
        if (this.allAtOnce) void resumed.catch(failed);
        else await resumed;
      } catch {
        await failed();
      }
    }
    this.draining = null;
  }

  /** Settles once the runs handed to `enqueue` so far are waiting, started or failed. */
  listed(): Promise<void> {
    return this.enqueuing.catch(() => undefined);
  }

  /** Removes a run that has not started yet; true if it was waiting. */
  drop(runId: string): boolean {
    const i = this.waiting.indexOf(runId);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    return true;
  }

  /** Settles once no run is being looked at, waiting or resuming one after another. */
  async idle(): Promise<void> {
    // An enqueue still looking at its runs has not started draining yet: it counts too.
    await this.listed();
    await this.draining;
  }

  /** A quit: runs still waiting stay `queued` and resume on the next start. */
  stop(): void {
    this.stopped = true;
  }
}
