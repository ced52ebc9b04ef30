import type { EngineEvent, StepRecord } from '../../../engine/api';
import { errorMessage, type Transport } from '../client';
import { saveWorkflow } from './save';
import { sourceOf, type TestSyncOptions } from './source';
import type { RunView } from './types';
import type { WorkflowStore } from './workflowStore';

// The run panel's state. Events can arrive before `runs.start` answers, and a stream can miss
// events, so steps are merged by id from both events and fetched lists.

const finishedStatus = new Set(['succeeded', 'failed', 'skipped']);

/** A finished record never goes back to "running" because of a late, reordered event. */
function supersedes(cur: StepRecord | undefined, next: StepRecord): boolean {
  return !(cur && finishedStatus.has(cur.status) && next.status === 'running');
}

/** Merges many steps with one copy of the map (a For Each can report thousands). */
function mergeSteps(steps: RunView['steps'], list: readonly StepRecord[]): RunView['steps'] {
  let out: Record<string, StepRecord> | null = null;
  for (const step of list) {
    if (!supersedes((out ?? steps)[step.id], step)) continue;
    out ??= { ...steps };
    out[step.id] = step;
  }
  return out ?? steps;
}

/** Events for runs we do not know yet: the start call has not answered. Replayed once it has. */
const pendingByStore = new WeakMap<WorkflowStore, EngineEvent[]>();

function pendingOf(store: WorkflowStore): EngineEvent[] {
  let list = pendingByStore.get(store);
  if (!list) pendingByStore.set(store, (list = []));
  return list;
}

function applyRunEvents(view: RunView, events: readonly EngineEvent[]): RunView {
  let run = view.run;
  const stepList: StepRecord[] = [];
  for (const event of events) {
    if (event.type === 'run.started' || event.type === 'run.finished') {
      // run.started may be replayed after run.finished; a finished record wins.
      if (event.run.id === view.runId && !(run?.finishedAt && !event.run.finishedAt)) run = event.run;
    } else if (event.type === 'step.started' || event.type === 'step.finished') {
      if (event.step.runId === view.runId) stepList.push(event.step);
    }
  }
  const steps = mergeSteps(view.steps, stepList);
  return run === view.run && steps === view.steps ? view : { ...view, run, steps };
}

/** Applies a batch of engine events to the run panel (see useRunEvents, which batches them). */
export function handleRunEvents(store: WorkflowStore, events: readonly EngineEvent[]): void {
  const view = store.getState().run;
  if (view.starting) {
    pendingOf(store).push(...events);
    return;
  }
  const next = applyRunEvents(view, events);
  if (next !== view) store.setState({ run: next });
}

export function handleRunEvent(store: WorkflowStore, event: EngineEvent): void {
  handleRunEvents(store, [event]);
}

export async function startRun(store: WorkflowStore, client: Transport, input: unknown, test?: TestSyncOptions): Promise<void> {
  store.setState({ run: { runId: null, run: null, steps: {}, starting: true, error: null } });
  const pending = pendingOf(store);
  pending.length = 0;
  try {
    // Runs execute the saved document, so unsaved edits are saved first.
    const saved = await saveWorkflow(store, client);
    if (!saved) throw new Error('Save the workflow before running it (see the message above).');
    const source = sourceOf(store);
    const run = await (test ? source.startTestSync(client, input, test) : source.startRun(client, input));
    const view = applyRunEvents({ runId: run.id, run, steps: {}, starting: false, error: null }, pending.splice(0));
    store.setState({ run: view });
    // Catch up on anything the event stream may not have delivered yet.
    await refreshRun(store, client, run.id);
  } catch (e) {
    pending.length = 0;
    store.setState({ run: { runId: null, run: null, steps: {}, starting: false, error: errorMessage(e) } });
  }
}

/** Steps read per request: a run with 100,000 steps opens with its first page. */
export const STEPS_PAGE = 500;

/** The next page's `afterSeq` when this page was full (more may follow), else null. */
function moreAfter(page: readonly StepRecord[]): number | null {
  const last = page.at(-1);
  return page.length >= STEPS_PAGE && last ? seqOf(last.id) : null;
}

/** Fetches a run and its first steps (opening a past run, or catching up after the stream missed events). */
export async function refreshRun(store: WorkflowStore, client: Transport, runId: string): Promise<void> {
  const [run, steps] = await Promise.all([client.call('runs.get', { id: runId }), client.call('runs.steps', { runId, limit: STEPS_PAGE })]);
  const view = store.getState().run;
  const same = view.runId === runId;
  // Events may have moved on while we fetched: keep the finished record if we already have one.
  const best = same && view.run?.finishedAt && !run.finishedAt ? view.run : run;
  store.setState({ run: { runId, run: best, steps: mergeSteps(same ? view.steps : {}, steps), starting: false, error: null, moreAfterSeq: moreAfter(steps) } });
}

/** Reads the next page of a long run's steps. */
export async function loadMoreSteps(store: WorkflowStore, client: Transport): Promise<void> {
  const view = store.getState().run;
  if (!view.runId || view.moreAfterSeq === null || view.moreAfterSeq === undefined) return;
  const steps = await client.call('runs.steps', { runId: view.runId, afterSeq: view.moreAfterSeq, limit: STEPS_PAGE });
  const now = store.getState().run;
  if (now.runId !== view.runId) return;
  store.setState({ run: { ...now, steps: mergeSteps(now.steps, steps), moreAfterSeq: moreAfter(steps) } });
}

/** Step ids end in a sequence number (`<run>:<n>`); sort by it when present, as ids are strings. */
function seqOf(id: string): number {
  const n = Number(id.slice(id.lastIndexOf(':') + 1));
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/** Steps in the order they started, for the panel. */
export function orderedSteps(view: RunView): StepRecord[] {
  return Object.values(view.steps).sort(
    (a, b) => a.startedAt.localeCompare(b.startedAt) || seqOf(a.id) - seqOf(b.id) || a.id.localeCompare(b.id),
  );
}

/** The latest status per block, for marking nodes on the canvas. */
export function statusByBlock(view: RunView): Map<string, StepRecord['status']> {
  const out = new Map<string, StepRecord['status']>();
  for (const step of orderedSteps(view)) {
    const cur = out.get(step.blockId);
    // One failed iteration marks the block failed even if later iterations succeed.
    if (cur === 'failed') continue;
    out.set(step.blockId, step.status);
  }
  return out;
}
