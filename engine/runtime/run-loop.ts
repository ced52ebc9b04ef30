import { PatchbayError } from '../errors/patchbay-error';
import type { RunMode, StepRecord } from '../api/records';
import { edgesFromPort, type Region, type WorkflowPlan } from '../model/graph';
import { resolveTemplates, type ReferenceScope } from '../shared/references';
import type { Block, Port } from '../model/workflow';
import { CONTAINER_BODY_PORT, CONTAINER_DONE_PORT } from '../shared/block-traits';
import { traitsOf } from './blocks/catalog';
import { getBlockDefinition } from './blocks/registry';
import type { AnyBlockDefinition, BlockOutcome, InstallationInfo } from './blocks/types';
import type { CheckpointsRepo } from '../storage/checkpoints-repo';
import type { EventBus } from './event-bus';
import type { JournalWriter } from './journal';
import { StepContext } from './step-context';
import { limitItemsForTest } from './test-limit';
import { bodyWasHidden, hideBody, hideErrorBody, hidesBodies } from './hidden-bodies';
import type { ServiceRegistry } from './services';
import { replayedOutcome, type ReplayInputs } from './replay';
import type { LoopItemsRepo } from '../storage/loop-items-repo';
import { yieldIfDue, type RunBudget } from './run-budget';
import { beginStep, endStep } from './step-record';
import { loopProgress } from './loop-progress';
import { downstreamOf, loadStreamResume, runStream } from './stream';
import type { StreamPage } from './blocks/types';
import { executeInDoubt, intentBeforeEffect, type ItemMark } from './in-doubt';

/** Thrown through the run loop when a Stop Workflow block runs. */
export class StopSignal {
  constructor(readonly reason: string) {}
}

export interface RunState {
  readonly runId: string;
  readonly plan: WorkflowPlan;
  readonly mode: RunMode;
  readonly input: unknown;
  readonly installation: InstallationInfo | null;
  readonly vars: Record<string, unknown>;
  readonly abort: AbortController;
  /**
   * Cancel was asked: no new step starts, steps in flight (a delivery) may finish and be
   * checkpointed; `abort` fires only if they take too long.
   */
  cancelRequested: boolean;
  readonly services: ServiceRegistry;
  readonly journal: Pick<JournalWriter, 'append' | 'itemStarted' | 'itemFinished' | 'flush'>;
  readonly events: EventBus;
  /**
   * Steps started but not yet journaled, so `runs.steps` can show them while they run. Keyed by
   * sequence number: a step id is a concatenated string, and hashing it meant copying it.
   */
  readonly inFlight: Map<number, StepRecord>;
  /**
   * Workflow state: committed by earlier successful runs, written by this one (committed only if
   * it succeeds), and the merged view `{{ state.x }}` reads.
   */
  readonly state: {
    readonly committed: Readonly<Record<string, unknown>>;
    readonly pending: Record<string, unknown>;
    readonly view: Record<string, unknown>;
    /** Pending values committed even if the run is cancelled or fails (delivered pages' watermarks). */
    readonly durable: Record<string, unknown>;
  };
  /**
   * When resuming an interrupted run: top-level blocks that already finished, with their output
   * and the port they took. They are not run again. A For Each among them runs only the items
   * whose body had not finished (see `loopItems`).
   */
  readonly completed: ReadonlyMap<string, { readonly output: unknown; readonly port: string | null }>;
  /** Finished For Each items, read when a resumed run re-enters a loop (null: a fresh run). */
  readonly loopItems: LoopItemsRepo | null;
  /** Picked up after an interruption: loops and streams look for what finished before it. */
  readonly resumed: boolean;
  /** Caps on steps and loop nesting, and when the run last gave the event loop a turn. */
  readonly budget: RunBudget;
  readonly testRecordLimit: number | null;
  readonly checkpoints: Pick<CheckpointsRepo, 'load' | 'append'>;
  /**
   * What idempotency keys are scoped to: the installation and workflow (for an unsaved document,
   * the first run of its re-run chain). Never the run itself, so delivering a record again in any
   * later run carries the key of its first delivery (see idempotency-key.ts).
   */
  readonly keyScope: string;
  /** Golden-record replay: blocks that read external systems get these saved outputs instead. */
  readonly replay?: ReplayInputs;
  seq: number;
}

/** A For Each's shared flag: once one iteration fails or stops, the others stop at their next block. */
interface LoopControl {
  halted: boolean;
}

/** Thrown in an iteration that stops because a sibling iteration failed; never reported. */
class LoopHalted {}

export interface Scope {
  readonly trigger: unknown;
  readonly steps: Record<string, { output: unknown }>;
  readonly item: unknown;
  /** Index in the innermost For Each (what `{{ index }}` reads and the journal shows). */
  readonly index: number | undefined;
  /** Indexes of every enclosing For Each, outermost first ("2.0"); keys idempotency and checkpoints. */
  readonly path: string | null;
  readonly loops: readonly LoopControl[];
  /** One per enclosing For Each item, outermost first: whether effects ran in it, its intent and doubt. */
  readonly effects: readonly ItemMark[];
}

function referenceScope(state: RunState, scope: Scope): ReferenceScope {
  return {
    trigger: scope.trigger, steps: scope.steps, item: scope.item, index: scope.index, vars: state.vars, state: state.state.view,
    installation: state.installation, run: { id: state.runId, mode: state.mode },
  };
}

function resolveConfig(def: AnyBlockDefinition, block: Block, refScope: ReferenceScope): Record<string, unknown> {
  const raw = def.rawConfigKeys;
  const config = block.config;
  const out: Record<string, unknown> = {};
  // for-in over a parsed document's plain object: no array of entries per step.
  for (const k in config) out[k] = raw?.includes(k) ? config[k] : resolveTemplates(config[k], refScope);
  return out;
}

function checkRunnable(state: RunState, scope: Scope): void {
  if (state.abort.signal.aborted || state.cancelRequested) throw new PatchbayError('cancelled', 'The run was cancelled.');
  if (scope.loops.some((l) => l.halted)) throw new LoopHalted();
}

/** A streaming block's pages, with the resolved config its page steps are journaled with. */
export interface Streamed {
  readonly pages: AsyncIterable<StreamPage>;
  readonly input: unknown;
}

/** A block that streams (and is configured to): its pages, before any step is journaled. */
async function startStream(state: RunState, def: AnyBlockDefinition, block: Block, scope: Scope): Promise<Streamed | null> {
  // A golden-record replay hands reading blocks their saved output: nothing is fetched.
  if (!def.stream || state.replay) return null;
  const input = resolveConfig(def, block, referenceScope(state, scope));
  const parsed = def.configSchema.safeParse(input);
  // An invalid config is journaled as a failed step by the ordinary path.
  if (!parsed.success) return null;
  const pages = def.stream(parsed.data, new StepContext(state, block.id, scope.index ?? null, scope.path), await loadStreamResume(state, block.id, scope.path));
  return pages ? { pages, input } : null;
}

async function executeStep(state: RunState, block: Block, scope: Scope): Promise<BlockOutcome | Streamed> {
  checkRunnable(state, scope);
  const turn = yieldIfDue(state.budget, state.seq);
  if (turn) await turn;
  const def = getBlockDefinition(block.kind);
  if (!def) throw new PatchbayError('unknown_block_kind', `Unknown block kind "${block.kind}" in "${block.id}".`);
  // The innermost item's start is durable before this step can send anything.
  const item = def.pure ? undefined : scope.effects[scope.effects.length - 1];
  if (!def.pure) for (const e of scope.effects) e.any = true;
  if (item) await intentBeforeEffect(state.journal, item);
  // Awaited only for a block that streams: an await per step is a tight loop's cost.
  const streamed = def.stream && !state.replay ? await startStream(state, def, block, scope) : null;
  if (streamed) return streamed;
  const open = beginStep(state, block, scope.index, scope.path);
  let outcome: BlockOutcome | null = null;
  let failure: unknown = null;
  let input: unknown = null;
  try {
    if (traitsOf(def).trigger) {
      input = state.input;
      outcome = { output: scope.trigger };
    } else {
      input = resolveConfig(def, block, referenceScope(state, scope));
      const parsed = def.configSchema.safeParse(input);
      if (!parsed.success) {
        throw new PatchbayError('invalid_config', `"${block.name || block.id}" has an invalid setting: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`);
      }
      const ctx = new StepContext(state, block.id, scope.index ?? null, scope.path, { item: scope.item, config: parsed.data });
      // A test sync's writes are dry runs: nothing to be in doubt about.
      const inDoubt = item?.inDoubt === true && state.mode === 'live';
      outcome = (state.replay && replayedOutcome(state.replay, def, block, parsed.data, scope.path))
        || (inDoubt ? await executeInDoubt(def, parsed.data, ctx, open) : await def.execute(parsed.data, ctx));
    }
  } catch (e) {
    failure = e;
  }
  let output = outcome?.output ?? null;
  if (outcome && 'iterate' in outcome) {
    const limited = limitItemsForTest(state, outcome.output);
    if (limited.note) {
      outcome = { ...outcome, output: limited.items };
      output = { testSyncLimit: limited.note, items: limited.items };
      state.events.emit({ type: 'step.log', runId: state.runId, blockId: block.id, level: 'info', message: limited.note });
    }
  }
  // Connections that hide bodies: the journal keeps neither the response body nor the error's.
  const hiding = hidesBodies(state.services, input);
  const hide = hiding !== false && (await hiding);
  endStep(state, open, input, hide ? hideBody(output) : output, failure, outcome && 'port' in outcome && outcome.port ? outcome.port : null, hide ? hideErrorBody : undefined);
  if (failure) throw failure;
  return outcome as BlockOutcome;
}

/**
 * A loop's step finished before an interruption: its config is resolved and executed again
 * (a container's execute does no I/O) to get the same items and concurrency, without a second
 * journal row.
 */
async function reenterContainer(state: RunState, block: Block, scope: Scope): Promise<{ items: readonly unknown[]; concurrency: number }> {
  const def = getBlockDefinition(block.kind) as AnyBlockDefinition;
  const parsed = def.configSchema.parse(resolveConfig(def, block, referenceScope(state, scope)));
  const outcome = await def.execute(parsed, new StepContext(state, block.id, null, null));
  if (!('iterate' in outcome)) throw new PatchbayError('internal', `"${block.id}" no longer iterates.`);
  return { items: limitItemsForTest(state, outcome.output).items, concurrency: outcome.iterate.concurrency };
}

/**
 * Runs one region (the top level, or one iteration of a For Each body) in topological order.
 * A block runs when at least one incoming connection was taken; blocks behind a branch that
 * was not taken are skipped (dead-path elimination), so joins after a Branch run once.
 * Returns the output of the last block that ran, which a For Each collects per iteration.
 */
export async function runRegion(state: RunState, region: Region, scope: Scope, entry: ReadonlySet<string>): Promise<unknown> {
  const taken = new Set<string>();
  /** Blocks already run per page by a streaming block before them. */
  const handled = new Set<string>();
  let last: unknown = null;
  for (const id of region.order) {
    if (handled.has(id)) continue;
    const block = state.plan.blocks.get(id) as Block;
    const traits = traitsOf(getBlockDefinition(block.kind));
    const incoming = state.plan.incoming.get(id) ?? [];
    const reached = traits.trigger || entry.has(id) || incoming.some((e) => taken.has(e.id));
    if (!reached) continue;
    const journaled = scope.path === null ? state.completed.get(id) : undefined;
    if (journaled && traits.container) {
      // A loop that had started: its items come from the journal, and only the items whose body
      // had not finished run again.
      const again = await reenterContainer(state, block, scope);
      const output = await runForEach(state, block, again.items, again.concurrency, scope);
      scope.steps[id] = { output };
      last = output;
      for (const e of edgesFromPort(state.plan, id, CONTAINER_DONE_PORT)) taken.add(e.id);
      continue;
    }
    // A step whose body was not journaled runs again, so later blocks get the real response.
    const done = journaled && !bodyWasHidden(journaled.output) ? journaled : undefined;
    if (done) {
      // A step reused from before a crash or from the failed run: its effects on variables and
      // state are applied again, its output is read from the journal.
      getBlockDefinition(block.kind)?.replay?.(done.output, new StepContext(state, block.id, null, null));
      scope.steps[id] = { output: done.output };
      last = done.output;
      for (const e of edgesFromPort(state.plan, id, (done.port ?? 'out') as Port)) taken.add(e.id);
      continue;
    }
    const outcome = await executeStep(state, block, scope);
    if ('pages' in outcome) {
      // The blocks after a streaming block run once per page, inside the stream loop.
      const downstream = downstreamOf(state.plan, region, id);
      for (const d of downstream.members) handled.add(d);
      const summary = await runStream(state, block, outcome, scope, downstream, runRegion);
      scope.steps[id] = { output: summary };
      last = summary;
      continue;
    }
    if ('stop' in outcome) throw new StopSignal(outcome.stop.reason);
    let output = outcome.output;
    let ports: readonly Port[];
    if ('iterate' in outcome) {
      output = await runForEach(state, block, outcome.output, outcome.iterate.concurrency, scope);
      ports = [CONTAINER_DONE_PORT];
    } else {
      ports = outcome.port ? [outcome.port] : ['out'];
    }
    scope.steps[id] = { output };
    last = output;
    for (const port of ports) for (const e of edgesFromPort(state.plan, id, port)) taken.add(e.id);
  }
  return last;
}

/**
 * Runs the loop body once per item with bounded concurrency. When an iteration fails or stops,
 * the others halt at their next block, and the loop settles only after every worker has
 * returned, so nothing runs after the run is reported finished.
 */
async function runForEach(state: RunState, block: Block, items: readonly unknown[], concurrency: number, scope: Scope): Promise<unknown[]> {
  const body = state.plan.bodies.get(block.id);
  if (!body || body.order.length === 0) return [...items];
  if (scope.loops.length >= state.budget.maxLoopNesting) {
    throw new PatchbayError('loop_nesting_limit', `"${block.name || block.id}" is nested ${scope.loops.length + 1} For Each blocks deep; a run allows ${state.budget.maxLoopNesting}. Flatten the loops (e.g. map the inner list first).`, { blockId: block.id });
  }
  const entry = new Set(edgesFromPort(state.plan, block.id, CONTAINER_BODY_PORT).map((e) => e.to));
  const results = new Array<unknown>(items.length);
  // Items whose body finished before an interruption are not run again; those in doubt are reconciled.
  const found = state.loopItems ? await state.loopItems.found(state.runId, block.id, scope.path) : null;
  const finished = found?.finished ?? new Map<number, unknown>();
  for (const [i, r] of finished) results[i] = r;
  const control: LoopControl = { halted: false };
  const loops = [...scope.loops, control];
  let next = 0;
  let firstError: { error: unknown } | null = null;
  const report = scope.path === null ? loopProgress(state, block.id, items.length, finished.size) : null;
  const worker = async (): Promise<void> => {
    while (!control.halted && next < items.length) {
      const index = next++;
      if (finished.has(index)) continue;
      const path = scope.path === null ? String(index) : `${scope.path}.${index}`;
      const effects: ItemMark = { any: false, item: { runId: state.runId, blockId: block.id, path: scope.path, index }, started: null, inDoubt: found?.inDoubt.has(index) ?? false };
      const iterationScope: Scope = { trigger: scope.trigger, steps: { ...scope.steps }, item: items[index], index, path, loops, effects: [...scope.effects, effects] };
      try {
        results[index] = await runRegion(state, body, iterationScope, entry);
        // An item that may have had effects outside (a delivery) is committed as done at once, so
        // a crash never sends it again; a pure one is simply redone after a crash.
        if (effects.any) await state.journal.itemFinished({ runId: state.runId, blockId: block.id, path: scope.path, index, result: results[index] });
        report?.();
      } catch (e) {
        if (!(e instanceof LoopHalted) && !firstError) firstError = { error: e };
        control.halted = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (firstError) throw (firstError as { error: unknown }).error;
  if (scope.loops.some((l) => l.halted)) throw new LoopHalted();
  return results;
}
