import { randomUUID } from 'node:crypto';
import { PatchbayError, toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import type { RunMode, RunRecord, StepRecord } from '../api/records';
import { bindMappings } from '../model/bind-mappings';
import type { MappingSet } from '../model/mapping-doc';
import type { WorkflowDoc } from '../model/workflow';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import type { RunsRepo } from '../storage/runs-repo';
import { containerKinds } from './blocks/catalog';
import { blockCatalog } from './blocks/registry';
import type { InstallationInfo } from './blocks/types';
import type { EventBus } from './event-bus';
import { installationRequiredMessage, installationUse } from './needs-installation';
import { notResumable, ResumeQueue } from './resume-queue';
import type { RunExecutor } from './run-executor';
import { runnableDoc } from './runnable-doc';

export interface StartRunOptions {
  readonly doc: WorkflowDoc;
  readonly workflowId: string | null;
  readonly input: unknown;
  readonly mode: RunMode;
  readonly installation?: InstallationInfo | null;
  readonly versionRef?: string | null;
  /** Test syncs: fetch blocks stop after this many records. */
  readonly testRecordLimit?: number | null;
  /** Re-run from the failed step: finished top-level steps of this run are reused. */
  readonly reuseFrom?: string | null;
  /** The first run of a re-run chain; an unsaved document's idempotency keys are scoped to it. */
  readonly rootRunId?: string | null;
  /** The shared mappings Map Fields blocks may name (none: only inline rules are allowed). */
  readonly mappings?: MappingSet;
}

/** What a new run record holds besides its (bound) document. */
type NewRunOptions = Omit<StartRunOptions, 'doc' | 'installation' | 'mappings'> & { readonly installationId: string | null };

export interface RunnerDeps {
  readonly runs: RunsRepo;
  readonly checkpoints: CheckpointsRepo;
  readonly loopItems: LoopItemsRepo;
  readonly events: EventBus;
  /** Where runs execute: on this thread (LocalExecutor) or in run workers (engine/host/run-workers). */
  readonly executor: RunExecutor;
}

interface Pending {
  readonly done: Promise<RunRecord>;
  settle(run: RunRecord): void;
}

/**
 * Owns the lifecycle of runs: validate, record, hand to the executor, resume, cancel. Executing
 * a run is the executor's: callers get the run back at once and `done` when it has finished.
 */
export class Runner {
  /** Runs started or resumed that have not finished yet (a run lost with its worker included). */
  private readonly pending = new Map<string, Pending>();
  /** Runs asked to cancel that have not finished yet. */
  private readonly cancelled = new Set<string>();
  /** Set by shutdown: runs interrupted by a quit stay resumable and continue on the next start. */
  private closing = false;
  private readonly resumeQueue: ResumeQueue;
  /** resumeInterrupted's listings: their runs are not in the resume queue until they are done. */
  private listing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RunnerDeps) {
    this.resumeQueue = new ResumeQueue(deps.runs, deps.checkpoints, deps.loopItems, (id) => this.resume(id), async (id) => {
      runnableDoc(JSON.parse((await this.deps.runs.resumeInfo(id)).doc));
    }, deps.executor.queuesRuns === true);
  }

  /** Where runs execute (hosts and tests look at run workers through it). */
  get executor(): RunExecutor {
    return this.deps.executor;
  }

  /** Validates and starts a run; `done` settles with the finished run record. */
  async start(opts: StartRunOptions): Promise<{ run: RunRecord; done: Promise<RunRecord> }> {
    const doc = runnableDoc(opts.doc);
    // Named mappings are bound into the stored document, so the run records the rules it used.
    const bound = bindMappings(doc, opts.mappings ?? new Map(), blockCatalog);
    if (bound.issues.length > 0) {
      throw new PatchbayError('invalid_workflow', `The workflow has ${bound.issues.length} problem(s); fix them before running.`, { issues: bound.issues });
    }
    // A valid workflow that reads its connections from an installation cannot run without one:
    // say so, rather than fail later on an empty URL.
    const use = opts.installation ? null : installationUse(doc);
    if (use) throw new PatchbayError('installation_required', installationRequiredMessage(use), { block: use.blockName, [use.kind]: use.key });
    return this.startBound(bound.doc === doc ? doc : runnableDoc(bound.doc), { ...opts, installationId: opts.installation?.id ?? null });
  }

  /** Records an already bound document as a new run and hands it to the executor. */
  private async startBound(doc: WorkflowDoc, opts: NewRunOptions): Promise<{ run: RunRecord; done: Promise<RunRecord> }> {
    const runId = randomUUID();
    const run = await this.deps.runs.create({
      id: runId, workflowId: opts.workflowId, workflowName: doc.name, docJson: JSON.stringify(doc),
      mode: opts.mode, input: opts.input ?? null, startedAt: new Date().toISOString(),
      installationId: opts.installationId, versionRef: opts.versionRef ?? null,
      rootRunId: opts.rootRunId ?? null, testRecordLimit: opts.mode === 'test' ? (opts.testRecordLimit ?? null) : null,
    });
    // Re-run from the failed step: the finished top-level steps are copied and not run again.
    // Its fetched pages and finished loop items move along too, so the re-run continues after the
    // last delivered page instead of starting the fetch over.
    if (opts.reuseFrom) {
      await this.deps.runs.copyCompletedTopLevel(opts.reuseFrom, runId, containerKinds());
      await this.deps.checkpoints.move(opts.reuseFrom, runId);
      await this.deps.loopItems.move(opts.reuseFrom, runId);
    }
    return { run, done: this.hand(runId, Boolean(opts.reuseFrom)) };
  }

  /** Gives a recorded run to the executor; the promise settles when the run has finished. */
  private hand(runId: string, resumed: boolean): Promise<RunRecord> {
    const pending = this.pendingFor(runId);
    void this.deps.executor.execute({ runId, resumed }).then((run) => this.executed(runId, run, pending), async (e: unknown) => {
      // Nothing ran (no executor could start, the run vanished): the run fails with the reason.
      const failed = await this.deps.runs.finish(runId, 'failed', new Date().toISOString(), toErrorPayload(e), null);
      this.deps.events.emit({ type: 'run.finished', run: failed });
      pending.settle(failed);
    });
    return pending.done;
  }

  private pendingFor(runId: string): Pending {
    const known = this.pending.get(runId);
    if (known) return known;
    let resolve!: (run: RunRecord) => void;
    const pending: Pending = {
      done: new Promise<RunRecord>((r) => (resolve = r)),
      settle: (run) => {
        this.pending.delete(runId);
        this.cancelled.delete(runId);
        resolve(run);
      },
    };
    this.pending.set(runId, pending);
    return pending;
  }

  /** An execution ended: the run finished, a quit left it `queued`, or it was lost with its worker. */
  private async executed(runId: string, run: RunRecord, pending: Pending): Promise<void> {
    if (run.status !== 'running' || this.closing) return pending.settle(run);
    // Lost with its worker (a crash, out of memory). Cancel asked before: it ends cancelled.
    if (this.cancelled.has(runId)) return pending.settle(await this.cancelWaiting(runId));
    // Otherwise the crash rules decide whether it resumes, as after a crash of the whole engine.
    await this.resumeQueue.enqueue([runId]);
    const now = await this.deps.runs.get(runId);
    if (now.status === 'queued') return;
    // It took its worker down once too often (run_crashed_engine).
    this.deps.events.emit({ type: 'run.finished', run: now });
    pending.settle(now);
  }

  /** Starts a new run of the same document, input and installation as an earlier one. */
  async rerun(runId: string, fromFailedStep: boolean): Promise<{ run: RunRecord; done: Promise<RunRecord> }> {
    const info = await this.deps.runs.resumeInfo(runId);
    return this.startBound(runnableDoc(JSON.parse(info.doc)), {
      workflowId: info.workflowId, input: info.input, mode: info.mode, installationId: info.installationId,
      versionRef: info.versionRef, reuseFrom: fromFailedStep ? runId : null, rootRunId: info.rootRunId, testRecordLimit: info.testRecordLimit,
    });
  }

  async cancel(runId: string): Promise<RunRecord> {
    // An interrupted run still waiting for its turn to resume is cancelled without starting; one
    // still being listed or looked at (right after a start) is waited for, then dropped likewise.
    await this.listing;
    await this.resumeQueue.listed();
    if (this.resumeQueue.drop(runId)) {
      const cancelled = await this.cancelWaiting(runId);
      this.pending.get(runId)?.settle(cancelled);
      return cancelled;
    }
    const pending = this.pending.get(runId);
    if (!pending) return this.deps.runs.get(runId);
    this.cancelled.add(runId);
    this.deps.executor.cancel(runId);
    return pending.done;
  }

  /**
   * Cancels a run and says why in its record (a plain cancel records no reason): `why` reads how
   * far it got (its succeeded steps). A run that ended otherwise before the cancel reached it keeps its own ending.
   */
  async cancelBecause(runId: string, why: (succeededSteps: number) => ErrorPayload): Promise<RunRecord> {
    const ended = await this.cancel(runId);
    if (ended.status !== 'cancelled') return ended;
    const explained = await this.deps.runs.finish(runId, 'cancelled', ended.finishedAt ?? new Date().toISOString(), why(await this.deps.runs.succeededStepCount(runId)), null);
    this.deps.events.emit({ type: 'run.finished', run: explained });
    return explained;
  }

  /** Cancels a run no executor is executing (waiting to resume, or lost with its worker). */
  private async cancelWaiting(runId: string): Promise<RunRecord> {
    const finished = await this.deps.runs.finish(runId, 'cancelled', new Date().toISOString(), null, null);
    await this.deps.checkpoints.clear(runId);
    await this.deps.loopItems.clear(runId);
    this.deps.events.emit({ type: 'run.finished', run: finished });
    return finished;
  }

  /** Steps journaled so far (a page of them) plus, with the last page, those still running. */
  async steps(runId: string, afterSeq = -1, limit = Number.MAX_SAFE_INTEGER): Promise<StepRecord[]> {
    // First: the executor makes every step it reported finished visible in the journal.
    const running = await this.deps.executor.inFlight(runId);
    const stored = await this.deps.runs.steps(runId, afterSeq, limit);
    if (running.length === 0 || stored.length >= limit) return stored;
    // A step may have finished between the two reads: the journal's row wins.
    const journaled = new Set(stored.map((s) => s.id));
    return [...stored, ...running.filter((s) => !journaled.has(s.id))];
  }

  /**
   * Picks up runs left `running` by a previous process (a crash or quit), one at a time and in
   * the background, so a host can listen first and the user can cancel any of them. Finished
   * top-level steps and finished loop items are kept; the run continues after them.
   */
  resumeInterrupted(): Promise<void> {
    const listed = (async () => {
      const interrupted = [...await this.deps.runs.listByStatus('running'), ...await this.deps.runs.listByStatus('queued')];
      // Asked again (the bridge asks once listening): a run already resuming or running is skipped
      // when the queue gets to it, not when it was listed, which may be before it started.
      await this.resumeQueue.enqueue(interrupted.map((r) => r.id), (id) => this.pending.has(id));
    })();
    this.listing = Promise.all([this.listing, listed.catch(() => undefined)]).then(() => undefined);
    return listed;
  }

  /** Starts one interrupted run again; fails it when its document no longer validates. */
  private async resume(runId: string): Promise<RunRecord> {
    // Pending at once, before the awaits below: a cancel or a second resume in between sees it.
    const pending = this.pendingFor(runId);
    try {
      runnableDoc(JSON.parse((await this.deps.runs.resumeInfo(runId)).doc));
    } catch {
      // Its document no longer validates (or it vanished): it fails here, so a cancel waiting on it settles.
      const failed = await this.deps.runs.finish(runId, 'failed', new Date().toISOString(), notResumable, null);
      this.deps.events.emit({ type: 'run.finished', run: failed });
      pending.settle(failed);
      return pending.done;
    }
    await this.deps.runs.markResumed(runId);
    // Cancelled while it was being looked at: the executor never had it, so it ends here.
    if (this.cancelled.has(runId)) {
      pending.settle(await this.cancelWaiting(runId));
      return pending.done;
    }
    return this.hand(runId, true);
  }

  /** Settles once no run is going: started, resuming, waiting its turn to resume, or being listed to. */
  async waitForAll(): Promise<void> {
    do {
      await this.listing;
      await this.resumeQueue.idle();
      await Promise.allSettled([...this.pending.values()].map((p) => p.done));
    } while (this.pending.size > 0);
  }

  /** Stops for a quit: running runs are interrupted, not cancelled, and resume on the next start. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.resumeQueue.stop();
    await this.deps.executor.shutdown();
    // Runs the executor never got (waiting to resume) settle as they are: queued.
    for (const [id, p] of [...this.pending]) p.settle(await this.deps.runs.get(id));
  }
}
