import type { RunRecord } from '../api/records';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import type { RunsRepo } from '../storage/runs-repo';

/** Why an interrupted run that can no longer be resumed failed. */
export const notResumable = { code: 'interrupted', message: 'Patchbay closed while this run was in progress and it could not be resumed; run it again.' } as const;

/** Interruptions in a row without progress after which a run is no longer resumed on its own. */
const MAX_CRASHES_WITHOUT_PROGRESS = 2;

/**
 * Interrupted runs waiting to resume, picked up one at a time after the host is up. A run left
 * `queued` was interrupted by an orderly quit; one left `running` was running when the process
 * died. A run that died with the engine twice in a row without progress in between (the same
 * step crashing it again) is failed with `run_crashed_engine` instead of being resumed a third
 * time: otherwise a run that exhausts memory would take the engine down at every start.
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
    /** Hand every run over at once, not one after another (an executor that queues runs itself). */
    private readonly allAtOnce = false,
  ) {}

  /** Progress of a run: journal rows, fetched pages and finished loop items. */
  private async mark(runId: string): Promise<number> {
    return (await this.runs.crashInfo(runId)).stepCount + (await this.checkpoints.count(runId)) + (await this.loopItems.count(runId));
  }

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
      const info = await this.runs.crashInfo(id);
      const mark = await this.mark(id);
      const crashed = before.status === 'running';
      const crashCount = !crashed ? info.crashCount : info.resumeMark === mark ? info.crashCount + 1 : 1;
      if (crashCount >= MAX_CRASHES_WITHOUT_PROGRESS) {
        await this.runs.finish(id, 'failed', new Date().toISOString(), {
          code: 'run_crashed_engine',
          message: `Patchbay (or the worker executing this run) stopped ${crashCount} times in a row while this run was at the same point, so it was not resumed again. Open its last step to see what it was doing, fix that, and run it again.`,
        }, null);
        continue;
      }
      try {
        await this.check(id);
      } catch {
        await this.runs.finish(id, 'failed', new Date().toISOString(), notResumable, null);
        continue;
      }
      await this.runs.markQueued(id, { crashCount, mark });
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
