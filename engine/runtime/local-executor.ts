import { toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import type { RunRecord, RunStatus, StepRecord } from '../api/records';
import { planWorkflow } from '../model/graph';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import type { RunsRepo } from '../storage/runs-repo';
import { stateScope, type StateRepo } from '../storage/state-repo';
import { containerKinds } from './blocks/catalog';
import { blockCatalog, getBlockDefinition } from './blocks/registry';
import type { InstallationInfo } from './blocks/types';
import type { EventBus } from './event-bus';
import { JournalWriter } from './journal';
import { defaultRunLimits, newBudget, type RunLimits } from './run-budget';
import type { RunExecutor, RunJob } from './run-executor';
import { runRegion, StopSignal, type RunState } from './run-loop';
import { runServices } from './run-services';
import { runnableDoc } from './runnable-doc';
import type { ServiceRegistry } from './services';
import type { Redactor } from '../secrets/redact';
import type { RetryWhileUnavailable } from '../storage/waiting-pool';

export interface LocalExecutorDeps {
  readonly runs: RunsRepo;
  readonly state: StateRepo;
  readonly checkpoints: CheckpointsRepo;
  readonly loopItems: LoopItemsRepo;
  readonly events: EventBus;
  /** Caps on steps and loop nesting; the engine's defaults when omitted. */
  readonly limits?: Partial<RunLimits>;
  readonly services: ServiceRegistry;
  /** Looks up a run's installation (its config and connections may be read by blocks). */
  readonly installationInfo?: (id: string) => Promise<InstallationInfo | null>;
  /** The current redaction of secrets for anything about to be journaled (null: nothing to hide). */
  readonly redaction?: () => Redactor | null;
  /**
   * The database waits for a server that went away (a run thread on PostgreSQL, see
   * storage/waiting-pool.ts); this repeats a transaction lost with it once it answers. A run then
   * pauses through an outage instead of failing. (The journal's is the only transaction a run
   * writes; another one would have to be repeated with this too.)
   */
  readonly retryWhileUnavailable?: RetryWhileUnavailable;
}

function stateFor(committed: Record<string, unknown>): RunState['state'] {
  return { committed, pending: {}, view: { ...committed }, durable: {} };
}

/** How long steps in flight may take to finish after Cancel before they are aborted. */
const CANCEL_GRACE_MS = 3000;

/**
 * Executes runs on the thread it lives on: the one run loop, whether that thread is the host's
 * (tests, CLI) or a run worker's (`serve`, see engine/host/run-workers).
 */
export class LocalExecutor implements RunExecutor {
  private readonly active = new Map<string, { state: RunState; done: Promise<RunRecord> }>();
  /** Runs being read back from the database, not yet active: a cancel waits for them. */
  private readonly launching = new Map<string, Promise<void>>();
  private readonly journal: JournalWriter;
  /** Set by shutdown: runs aborted by a quit stay resumable and continue on the next start. */
  private closing = false;
  /** Runs given up one by one (their executor lost the right to run them): left resumable too. */
  private readonly interrupting = new Set<string>();
  private readonly limits: RunLimits;

  constructor(private readonly deps: LocalExecutorDeps) {
    this.journal = new JournalWriter(deps.runs, deps.loopItems, deps.redaction ?? null, deps.retryWhileUnavailable ?? null);
    this.limits = { ...defaultRunLimits, ...deps.limits };
  }

  /** Reads the run back from the database and executes it, skipping what it already finished. */
  execute(job: RunJob): Promise<RunRecord> {
    const launched = this.launch(job);
    const settled = launched.then(() => undefined, () => undefined);
    this.launching.set(job.runId, settled);
    void settled.then(() => this.launching.delete(job.runId));
    return launched.then((l) => l.done);
  }

  private async launch({ runId, resumed }: RunJob): Promise<{ done: Promise<RunRecord> }> {
    const info = await this.deps.runs.resumeInfo(runId);
    const doc = runnableDoc(JSON.parse(info.doc));
    const installation = info.installationId ? ((await this.deps.installationInfo?.(info.installationId)) ?? null) : null;
    const run = await this.deps.runs.get(runId);
    // Test syncs read the installation's state (so they fetch what a live run would) but never save it.
    const scope = stateScope(info.installationId, info.workflowId);
    // A step journaled as a summary runs again (a loop is re-entered from its config either way).
    const containers = containerKinds();
    const completed = new Map((await this.deps.runs.completedTopLevel(runId))
      .filter((s) => !s.summarized || containers.includes(s.blockKind))
      .map((s) => [s.blockId, { output: s.output, port: s.port }] as const));
    const state: RunState = {
      runId, plan: planWorkflow(doc, blockCatalog), mode: info.mode, input: info.input ?? null, installation,
      vars: {}, abort: new AbortController(), cancelRequested: false, services: runServices(this.deps.services), journal: this.journal,
      events: this.deps.events, inFlight: new Map(), seq: await this.deps.runs.nextSeq(runId),
      state: stateFor(scope ? await this.deps.state.read(scope) : {}), completed,
      testRecordLimit: info.mode === 'test' ? info.testRecordLimit : null, checkpoints: this.deps.checkpoints,
      keyScope: scope ?? `run:${info.rootRunId}`, loopItems: resumed ? this.deps.loopItems : null, resumed, budget: newBudget(this.limits),
    };
    // A quit that came while the run was read back: it stays resumable, as the others.
    if (this.closing) state.abort.abort();
    this.deps.events.emit({ type: 'run.started', run });
    const done = this.run(state, info.mode === 'live' ? scope : null);
    this.active.set(runId, { state, done });
    return { done };
  }

  private async run(state: RunState, scope: string | null): Promise<RunRecord> {
    let status: RunStatus = 'succeeded';
    let error: ErrorPayload | null = null;
    let stopReason: string | null = null;
    // A turn before the first step: execute() returns (and its caller subscribes) first, and a
    // run worker reports run.started before a step that computes for long holds its thread.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const trigger = { input: state.input };
      await runRegion(state, state.plan.top, { trigger, steps: {}, item: undefined, index: undefined, path: null, loops: [], effects: [] }, new Set());
    } catch (e) {
      if (e instanceof StopSignal) {
        status = 'stopped';
        stopReason = e.reason;
      } else if (state.abort.signal.aborted && (this.closing || this.interrupting.has(state.runId))) {
        // Quit, not cancel: leave the run to be resumed after its last finished step.
        await this.journal.flush();
        await this.deps.runs.markQueued(state.runId);
        this.active.delete(state.runId);
        this.interrupting.delete(state.runId);
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
    await this.journal.flush();
    // Test syncs never move a watermark; live runs only when they succeed.
    // A cancelled or failed live run keeps what its delivered pages committed (a watermark), so
    // running it again does not deliver them again.
    const keep = status === 'succeeded' ? state.state.pending : status === 'cancelled' || status === 'failed' ? state.state.durable : {};
    if (scope && Object.keys(keep).length > 0) await this.deps.state.write(scope, keep);
    // A failed run keeps its checkpoints for a re-run from the failed step (retention drops them with the run).
    if (status !== 'failed') {
      await this.deps.checkpoints.clear(state.runId);
      await this.deps.loopItems.clear(state.runId);
    }
    const finished = await this.deps.runs.finish(state.runId, status, new Date().toISOString(), error, stopReason);
    this.active.delete(state.runId);
    this.deps.events.emit({ type: 'run.finished', run: finished });
    return finished;
  }

  cancel(runId: string): void {
    const entry = this.active.get(runId);
    if (!entry) {
      void this.launching.get(runId)?.then(() => this.cancel(runId));
      return;
    }
    // Between items: steps in flight finish (and are checkpointed), no new one starts; one that
    // does not finish within the grace period (a long Delay, a stalled request) is aborted.
    entry.state.cancelRequested = true;
    const writing = [...entry.state.inFlight.values()].some((s) => !getBlockDefinition(s.blockKind)?.pure);
    const hard = setTimeout(() => entry.state.abort.abort(), writing ? CANCEL_GRACE_MS : 0);
    hard.unref();
    void entry.done.finally(() => clearTimeout(hard));
  }

  /**
   * Stops one run as a quit would: left `queued`, to continue after its last finished item
   * (a queue worker that lost its job's lock: another worker may take the run over).
   */
  interrupt(runId: string): void {
    const entry = this.active.get(runId);
    if (!entry) {
      void this.launching.get(runId)?.then(() => this.interrupt(runId));
      return;
    }
    this.interrupting.add(runId);
    entry.state.abort.abort();
  }

  async inFlight(runId: string): Promise<readonly StepRecord[]> {
    // Until nothing is queued: a step that ended while a write was under way is written too, so
    // each step is in the journal or in this answer.
    do await this.journal.flush();
    while (this.journal.queued());
    return [...(this.active.get(runId)?.state.inFlight.values() ?? [])];
  }

  /** Writes journaled steps still queued (a run worker does so before it reports their events). */
  flushJournal(): Promise<void> {
    return this.journal.flush();
  }

  async shutdown(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.launching.values()]);
    for (const a of this.active.values()) a.state.abort.abort();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
    await this.journal.flush();
  }
}
