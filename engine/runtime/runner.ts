import { randomUUID } from 'node:crypto';
import { PatchbayError, toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import type { RunMode, RunRecord, RunStatus, StepRecord } from '../api/records';
import { planWorkflow } from '../model/graph';
import { bindMappings } from '../model/bind-mappings';
import type { MappingSet } from '../model/mapping-doc';
import { validateWorkflow } from '../model/validate';
import type { WorkflowDoc } from '../model/workflow';
import type { RunsRepo } from '../storage/runs-repo';
import { stateScope, type StateRepo } from '../storage/state-repo';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import { containerKinds } from './blocks/catalog';
import { blockCatalog, getBlockDefinition } from './blocks/registry';
import type { InstallationInfo } from './blocks/types';
import type { EventBus } from './event-bus';
import { JournalWriter } from './journal';
import { installationRequiredMessage, installationUse } from './needs-installation';
import { runRegion, StopSignal, type RunState } from './run-loop';
import type { ServiceRegistry } from './services';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import { defaultRunLimits, newBudget, type RunLimits } from './run-budget';
import { ResumeQueue } from './resume-queue';
import { runServices } from './run-services';
import type { Redactor } from '../secrets/redact';

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
  /** The first run of a re-run chain; idempotency keys are built from it. */
  readonly rootRunId?: string | null;
  /** The shared mappings Map Fields blocks may name (none: only inline rules are allowed). */
  readonly mappings?: MappingSet;
}

export interface RunnerDeps {
  readonly runs: RunsRepo;
  readonly state: StateRepo;
  readonly checkpoints: CheckpointsRepo;
  readonly loopItems: LoopItemsRepo;
  readonly events: EventBus;
  /** Caps on steps and loop nesting; the engine's defaults when omitted. */
  readonly limits?: Partial<RunLimits>;
  readonly services: ServiceRegistry;
  /** Looks up an installation for a resumed run (its config may be read by blocks). */
  readonly installationInfo?: (id: string) => InstallationInfo | null;
  /** The current redaction of secrets for anything about to be journaled (null: nothing to hide). */
  readonly redaction?: () => Redactor | null;
}

function stateFor(committed: Record<string, unknown>): RunState['state'] {
  return { committed, pending: {}, view: { ...committed }, durable: {} };
}

/** How long steps in flight may take to finish after Cancel before they are aborted. */
const CANCEL_GRACE_MS = 3000;

/** Owns the lifecycle of runs: validate, journal, execute, finish, cancel. */
export class Runner {
  private readonly active = new Map<string, { state: RunState; done: Promise<RunRecord> }>();
  private readonly journal: JournalWriter;
  /** Set by shutdown: runs aborted by a quit stay "running" and resume on the next start. */
  private closing = false;
  private readonly limits: RunLimits;
  private readonly resumeQueue: ResumeQueue;

  constructor(private readonly deps: RunnerDeps) {
    this.journal = new JournalWriter(deps.runs, deps.loopItems, deps.redaction ?? null);
    this.limits = { ...defaultRunLimits, ...deps.limits };
    this.resumeQueue = new ResumeQueue(deps.runs, deps.checkpoints, deps.loopItems, (id) => this.resume(id), (id) => {
      this.validDoc(JSON.parse(this.deps.runs.resumeInfo(id).doc));
    });
  }

  /** Validates and starts a run; `done` settles with the finished run record. */
  start(opts: StartRunOptions): { run: RunRecord; done: Promise<RunRecord> } {
    const doc = this.validDoc(opts.doc);
    // Named mappings are bound into the stored document, so the run records the rules it used.
    const bound = bindMappings(doc, opts.mappings ?? new Map(), blockCatalog);
    if (bound.issues.length > 0) {
      throw new PatchbayError('invalid_workflow', `The workflow has ${bound.issues.length} problem(s); fix them before running.`, { issues: bound.issues });
    }
    // A valid workflow that reads its connections from an installation cannot run without one:
    // say so, rather than fail later on an empty URL.
    const use = opts.installation ? null : installationUse(doc);
    if (use) throw new PatchbayError('installation_required', installationRequiredMessage(use), { block: use.blockName, [use.kind]: use.key });
    return this.startBound(bound.doc === doc ? doc : this.validDoc(bound.doc), opts);
  }

  /** Starts an already bound document (a re-run keeps the rules its first run used). */
  private startBound(doc: WorkflowDoc, opts: StartRunOptions): { run: RunRecord; done: Promise<RunRecord> } {
    const runId = randomUUID();
    const run = this.deps.runs.create({
      id: runId, workflowId: opts.workflowId, workflowName: doc.name, docJson: JSON.stringify(doc),
      mode: opts.mode, input: opts.input ?? null, startedAt: new Date().toISOString(),
      installationId: opts.installation?.id ?? null, versionRef: opts.versionRef ?? null,
      rootRunId: opts.rootRunId ?? null, testRecordLimit: opts.mode === 'test' ? (opts.testRecordLimit ?? null) : null,
    });
    // Re-run from the failed step: the finished top-level steps are copied and not run again.
    // Its fetched pages and finished loop items move along too, so the re-run continues after the
    // last delivered page instead of starting the fetch over.
    if (opts.reuseFrom) {
      this.deps.runs.copyCompletedTopLevel(opts.reuseFrom, runId, containerKinds());
      this.deps.checkpoints.move(opts.reuseFrom, runId);
      this.deps.loopItems.move(opts.reuseFrom, runId);
    }
    return this.launch(run, doc, opts, Boolean(opts.reuseFrom));
  }

  private validDoc(raw: unknown): WorkflowDoc {
    const validation = validateWorkflow(raw, blockCatalog);
    if (!validation.ok || !validation.doc) {
      const errors = validation.issues.filter((i) => i.severity === 'error');
      throw new PatchbayError('invalid_workflow', `The workflow has ${errors.length} problem(s); fix them before running.`, { issues: errors });
    }
    return validation.doc;
  }

  /** Builds the run's state (skipping top-level steps already journaled) and executes it. */
  private launch(run: RunRecord, doc: WorkflowDoc, opts: Omit<StartRunOptions, 'doc'>, resumed = false): { run: RunRecord; done: Promise<RunRecord> } {
    // Test syncs read the installation's state (so they fetch what a live run would) but never save it.
    const scope = stateScope(opts.installation?.id ?? null, opts.workflowId);
    // A step journaled as a summary runs again (a loop is re-entered from its config either way).
    const containers = containerKinds();
    const completed = new Map(this.deps.runs.completedTopLevel(run.id)
      .filter((s) => !s.summarized || containers.includes(s.blockKind))
      .map((s) => [s.blockId, { output: s.output, port: s.port }] as const));
    const state: RunState = {
      runId: run.id, plan: planWorkflow(doc, blockCatalog), mode: opts.mode, input: opts.input ?? null, installation: opts.installation ?? null,
      vars: {}, abort: new AbortController(), cancelRequested: false, services: runServices(this.deps.services), journal: this.journal,
      events: this.deps.events, inFlight: new Map(), seq: this.deps.runs.nextSeq(run.id),
      state: stateFor(scope ? this.deps.state.read(scope) : {}), completed,
      testRecordLimit: opts.mode === 'test' ? (opts.testRecordLimit ?? null) : null, checkpoints: this.deps.checkpoints,
      keyRoot: opts.rootRunId ?? run.id, loopItems: resumed ? this.deps.loopItems : null, resumed, budget: newBudget(this.limits),
    };
    this.deps.events.emit({ type: 'run.started', run });
    const done = this.execute(state, opts.mode === 'live' ? scope : null);
    this.active.set(run.id, { state, done });
    return { run, done };
  }

  private async execute(state: RunState, scope: string | null): Promise<RunRecord> {
    let status: RunStatus = 'succeeded';
    let error: ErrorPayload | null = null;
    let stopReason: string | null = null;
    // Let start() return (and its caller subscribe) before the first step.
    await Promise.resolve();
    try {
      const trigger = { input: state.input };
      await runRegion(state, state.plan.top, { trigger, steps: {}, item: undefined, index: undefined, path: null, loops: [], effects: [] }, new Set());
    } catch (e) {
      if (e instanceof StopSignal) {
        status = 'stopped';
        stopReason = e.reason;
      } else if (state.abort.signal.aborted && this.closing) {
        // Quit, not cancel: leave the run to be resumed after its last finished step.
        this.journal.flush();
        this.deps.runs.markQueued(state.runId);
        this.active.delete(state.runId);
        return this.deps.runs.get(state.runId);
      } else if (state.abort.signal.aborted || state.cancelRequested) {
        status = 'cancelled';
      } else {
        status = 'failed';
        // The run's own error is stored and returned like the journal: without secrets.
        const redact = this.deps.redaction?.();
        error = redact ? (redact(toErrorPayload(e)) as ErrorPayload) : toErrorPayload(e);
      }
    }
    this.journal.flush();
    // Test syncs never move a watermark; live runs only when they succeed.
    // A cancelled or failed live run keeps what its delivered pages committed (a watermark), so
    // running it again does not deliver them again.
    const keep = status === 'succeeded' ? state.state.pending : status === 'cancelled' || status === 'failed' ? state.state.durable : {};
    if (scope && Object.keys(keep).length > 0) this.deps.state.write(scope, keep);
    // A failed run keeps its checkpoints for a re-run from the failed step (retention drops them with the run).
    if (status !== 'failed') {
      this.deps.checkpoints.clear(state.runId);
      this.deps.loopItems.clear(state.runId);
    }
    const finished = this.deps.runs.finish(state.runId, status, new Date().toISOString(), error, stopReason);
    this.active.delete(state.runId);
    this.deps.events.emit({ type: 'run.finished', run: finished });
    return finished;
  }

  /** Starts a new run of the same document, input and installation as an earlier one. */
  rerun(runId: string, fromFailedStep: boolean): { run: RunRecord; done: Promise<RunRecord> } {
    const info = this.deps.runs.resumeInfo(runId);
    const installation = info.installationId ? (this.deps.installationInfo?.(info.installationId) ?? null) : null;
    return this.startBound(this.validDoc(JSON.parse(info.doc)), {
      doc: JSON.parse(info.doc) as WorkflowDoc, workflowId: info.workflowId, input: info.input, mode: info.mode,
      installation, versionRef: info.versionRef, reuseFrom: fromFailedStep ? runId : null,
      rootRunId: info.rootRunId, testRecordLimit: info.testRecordLimit,
    });
  }

  cancel(runId: string): Promise<RunRecord> {
    // An interrupted run still waiting for its turn to resume is cancelled without starting.
    if (this.resumeQueue.drop(runId)) {
      const cancelled = this.deps.runs.finish(runId, 'cancelled', new Date().toISOString(), null, null);
      this.deps.checkpoints.clear(runId);
      this.deps.loopItems.clear(runId);
      this.deps.events.emit({ type: 'run.finished', run: cancelled });
      return Promise.resolve(cancelled);
    }
    const entry = this.active.get(runId);
    if (!entry) return Promise.resolve(this.deps.runs.get(runId));
    // Between items: steps in flight finish (and are checkpointed), no new one starts; one that
    // does not finish within the grace period (a long Delay, a stalled request) is aborted.
    entry.state.cancelRequested = true;
    const writing = [...entry.state.inFlight.values()].some((s) => !getBlockDefinition(s.blockKind)?.pure);
    const hard = setTimeout(() => entry.state.abort.abort(), writing ? CANCEL_GRACE_MS : 0);
    hard.unref();
    return entry.done.finally(() => clearTimeout(hard));
  }

  /** Steps journaled so far (a page of them) plus, with the last page, those still running. */
  steps(runId: string, afterSeq = -1, limit = Number.MAX_SAFE_INTEGER): StepRecord[] {
    this.journal.flush();
    const stored = this.deps.runs.steps(runId, afterSeq, limit);
    const running = this.active.get(runId)?.state.inFlight;
    return running && stored.length < limit ? [...stored, ...running.values()] : stored;
  }

  /**
   * Picks up runs left `running` by a previous process (a crash or quit), one at a time and in
   * the background, so a host can listen first and the user can cancel any of them. Finished
   * top-level steps and finished loop items are kept; the run continues after them.
   */
  resumeInterrupted(): void {
    this.resumeQueue.enqueue(this.deps.runs.listByStatus('running').concat(this.deps.runs.listByStatus('queued')).map((r) => r.id).filter((id) => !this.active.has(id)));
  }

  /** Starts one interrupted run again; throws when its document no longer validates. */
  private resume(runId: string): Promise<RunRecord> {
    const info = this.deps.runs.resumeInfo(runId);
    const doc = this.validDoc(JSON.parse(info.doc));
    const installation = info.installationId ? (this.deps.installationInfo?.(info.installationId) ?? null) : null;
    this.deps.runs.markResumed(runId);
    return this.launch(this.deps.runs.get(runId), doc, {
      workflowId: info.workflowId, input: info.input, mode: info.mode, installation, rootRunId: info.rootRunId, testRecordLimit: info.testRecordLimit,
    }, true).done;
  }

  async waitForAll(): Promise<void> {
    await this.resumeQueue.idle();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Stops for a quit: running runs are interrupted, not cancelled, and resume on the next start. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.resumeQueue.stop();
    for (const a of this.active.values()) a.state.abort.abort();
    await this.waitForAll();
    this.journal.flush();
  }
}
