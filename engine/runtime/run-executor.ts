import type { RunRecord, StepRecord } from '../api/records';

// The boundary between starting a run and executing it. The Runner (on the host's thread)
// validates, binds and records a run, then hands an executor only the run's id: everything else
// (document, input, installation, finished steps, checkpoints) is read back from the database, as
// a resume does. So the executor may live on this thread (tests, CLI), in a worker thread (`serve`)
// or, later, on another machine pulling run ids from a queue.

/** "Execute run <id>": all an executor is told. */
export interface RunJob {
  readonly runId: string;
  /** Continue after what the run already finished (steps, loop items, fetched pages): a resume or a re-run. */
  readonly resumed: boolean;
}

export interface RunExecutor {
  /**
   * The executor queues runs itself (a job queue with its own workers): runs interrupted by a
   * restart are all handed over at once instead of one after another.
   */
  readonly queuesRuns?: boolean;
  /**
   * Executes the run; settles with its record once it finished, or, when the executor shut down
   * in the middle, left `queued` to resume on the next start, or, when the executor died with it
   * (a crashed worker), still `running`. Rejects only when the run could not be started at all.
   */
  execute(job: RunJob): Promise<RunRecord>;
  /** Asks a run to stop between items (see Runner.cancel); its `execute` then settles. */
  cancel(runId: string): void;
  /**
   * Steps of the run still in flight; every step it announced as finished is in the journal by
   * the time this returns.
   */
  inFlight(runId: string): Promise<readonly StepRecord[]>;
  /** A quit: runs in progress are interrupted (left `queued`), their `execute` settles, resources go. */
  shutdown(): Promise<void>;
}
