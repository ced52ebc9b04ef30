import { toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import { planWorkflow } from '../model/graph';
import type { WorkflowDoc } from '../model/workflow';
import { blockCatalog } from './blocks/registry';
import type { InstallationInfo } from './blocks/types';
import { EventBus } from './event-bus';
import { defaultRunLimits, newBudget } from './run-budget';
import type { JournalEntry } from './journal';
import type { ReplayInputs } from './replay';
import { runRegion, StopSignal, type RunState } from './run-loop';
import type { ServiceRegistry } from './services';

// Runs an already bound, validated document once in test mode entirely in memory: nothing is
// journaled, no state or watermark is written, and reading blocks answer from saved outputs. Used
// to replay golden records; the run loop itself is shared with real runs, so what a replay shows
// is what a test sync of that version would produce from the same records.

export interface ReplayOptions {
  readonly doc: WorkflowDoc;
  readonly input: unknown;
  readonly inputs: ReplayInputs;
  readonly installation: InstallationInfo | null;
  readonly services: ServiceRegistry;
  /** Fixed, so idempotency keys in would-be writes are the same on every replay. */
  readonly key: string;
}

export interface ReplayResult {
  readonly status: 'succeeded' | 'stopped' | 'failed';
  readonly stopReason: string | null;
  readonly error: ErrorPayload | null;
  /** Every finished step, in the order they finished. */
  readonly steps: readonly JournalEntry[];
}

export async function replayWorkflow(opts: ReplayOptions): Promise<ReplayResult> {
  const steps: JournalEntry[] = [];
  const pages = new Map<string, unknown[]>();
  const state: RunState = {
    runId: opts.key, plan: planWorkflow(opts.doc, blockCatalog), mode: 'test', input: opts.input, installation: opts.installation,
    vars: {}, abort: new AbortController(), cancelRequested: false, services: opts.services,
    // Loop items need no checkpoint: a replay is never resumed.
    journal: { append: (e) => steps.push(e), itemStarted: () => Promise.resolve(), itemFinished: () => Promise.resolve(), flush: () => Promise.resolve() },
    // Nobody else listens: step events of a replay are not runs the UI should show.
    events: new EventBus(), inFlight: new Map(), seq: 0,
    state: { committed: {}, pending: {}, view: {}, durable: {} }, completed: new Map(), testRecordLimit: null,
    loopItems: null, resumed: false, budget: newBudget(defaultRunLimits),
    checkpoints: {
      load: (runId, blockId, path) => Promise.resolve(pages.get(`${runId}:${blockId}:${path ?? '-'}`) ?? []),
      append: (runId, blockId, path, value) => {
        const key = `${runId}:${blockId}:${path ?? '-'}`;
        pages.set(key, [...(pages.get(key) ?? []), value]);
        return Promise.resolve();
      },
    },
    keyScope: opts.key, replay: opts.inputs,
  };
  try {
    await runRegion(state, state.plan.top, { trigger: { input: opts.input }, steps: {}, item: undefined, index: undefined, path: null, loops: [], effects: [] }, new Set());
    return { status: 'succeeded', stopReason: null, error: null, steps: ordered(steps) };
  } catch (e) {
    if (e instanceof StopSignal) return { status: 'stopped', stopReason: e.reason, error: null, steps: ordered(steps) };
    return { status: 'failed', stopReason: null, error: toErrorPayload(e), steps: ordered(steps) };
  }
}

/** Loop iterations finish in any order under concurrency; sort so two replays list steps alike. */
function ordered(steps: JournalEntry[]): JournalEntry[] {
  return [...steps].sort((a, b) => a.blockId.localeCompare(b.blockId) || (a.iterationPath ?? '').localeCompare(b.iterationPath ?? '', undefined, { numeric: true }));
}
