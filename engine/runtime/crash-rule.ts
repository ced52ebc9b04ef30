import type { RunRecord } from '../api/records';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import type { RunsRepo } from '../storage/runs-repo';

// The one rule for a poison run (ARCHITECTURE.md, "Retries: which rule owns what"): a run whose
// execution took its process or thread down twice in a row at the same point (no journal row,
// fetched page or finished loop item in between) is not resumed a third time: it fails with
// `run_crashed_engine`. Otherwise a run that exhausts memory would take the engine, or every
// queue worker in turn, down at every start. Applied by whoever sees the crash and would resume
// the run: the Runner's ResumeQueue (an engine that restarts, a run thread that died) and
// `patchbay worker` (its thread died, or it takes over the job of a worker process that died).

/** Crashes in a row without progress after which a run is no longer resumed on its own. */
export const MAX_CRASHES_WITHOUT_PROGRESS = 2;

export interface CrashRuleRepos {
  readonly runs: RunsRepo;
  readonly checkpoints: CheckpointsRepo;
  readonly loopItems: LoopItemsRepo;
}

/** Progress of a run: journal rows, fetched pages and finished loop items. */
export async function progressMark(repos: CrashRuleRepos, runId: string): Promise<number> {
  return (await repos.runs.crashInfo(runId)).stepCount + (await repos.checkpoints.count(runId)) + (await repos.loopItems.count(runId));
}

export interface CrashVerdict {
  /** Crashes in a row at this point, this one included (0: it was not a crash). */
  readonly crashCount: number;
  /** Progress now: the next crash counts against the same point if it is still here. */
  readonly mark: number;
  /** It crashed too often at this point: fail it (`failCrashedRun`) instead of resuming it. */
  readonly givenUp: boolean;
}

/**
 * Judges a run about to be resumed. `crashed`: its execution ended with it still `running` (its
 * process or thread died); otherwise (an orderly quit, a lost lock) its count stays as it was.
 */
export async function judgeResume(repos: CrashRuleRepos, runId: string, crashed: boolean): Promise<CrashVerdict> {
  const info = await repos.runs.crashInfo(runId);
  const mark = await progressMark(repos, runId);
  const crashCount = !crashed ? info.crashCount : info.resumeMark === mark ? info.crashCount + 1 : 1;
  return { crashCount, mark, givenUp: crashCount >= MAX_CRASHES_WITHOUT_PROGRESS };
}

/** Ends a run the rule gave up on; `where` names what it kept taking down. */
export function failCrashedRun(runs: RunsRepo, runId: string, crashCount: number, where = 'Patchbay (or the worker executing this run)', details?: Record<string, unknown>): Promise<RunRecord> {
  return runs.finish(runId, 'failed', new Date().toISOString(), {
    code: 'run_crashed_engine',
    message: `${where} stopped ${crashCount} times in a row while this run was at the same point, so it was not resumed again. Open its last step to see what it was doing, fix that, and run it again.`,
    ...(details ? { details } : {}),
  }, null);
}
