import { edgesFromPort, type Region, type WorkflowPlan } from '../model/graph';
import type { Block } from '../model/workflow';
import type { StreamResume } from './blocks/types';
import type { RunState, Scope, Streamed } from './run-loop';
import { announceStep, beginStep, endStep } from './step-record';

// The stream loop: a paged fetch feeds the blocks after it page by page (fetch a page → map it →
// deliver it → checkpoint), so a backfill's memory is bounded by its page size. Each page is one
// journaled step of the streaming block (iteration = page number) and the blocks after it run
// once per page, like a loop body whose items are pages. Once a page's blocks have finished, its
// checkpoint is saved; a resumed run continues after the last saved page, and inside the page
// that was in flight, For Each skips the items that had finished.

interface SavedStreamPage {
  readonly page: number;
  readonly records: number;
  readonly checkpoint: unknown;
}

function isSavedStreamPage(v: unknown): v is SavedStreamPage {
  return typeof v === 'object' && v !== null && typeof (v as SavedStreamPage).page === 'number' && 'checkpoint' in v;
}

/** Where a resumed run's stream continues; null for a fresh run (nothing saved yet). */
export async function loadStreamResume(state: RunState, blockId: string, path: string | null): Promise<StreamResume | null> {
  if (!state.resumed) return null;
  const last = (await state.checkpoints.load(state.runId, blockId, path)).filter(isSavedStreamPage).at(-1);
  return last ? { checkpoint: last.checkpoint, pages: last.page + 1, records: last.records } : null;
}

/** The blocks of `region` reachable from `id` (not `id` itself), in the region's order. */
export function downstreamOf(plan: WorkflowPlan, region: Region, id: string): Region {
  const members = new Set<string>();
  const stack = (plan.outgoing.get(id) ?? []).map((e) => e.to);
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (members.has(next) || !region.members.has(next)) continue;
    members.add(next);
    for (const e of plan.outgoing.get(next) ?? []) stack.push(e.to);
  }
  return { order: region.order.filter((b) => members.has(b)), members };
}

type RunRegion = (state: RunState, region: Region, scope: Scope, entry: ReadonlySet<string>) => Promise<unknown>;

/** Progress events at most this often (every page still advances the saved checkpoint). */
const PROGRESS_EVERY_MS = 250;

export async function runStream(state: RunState, block: Block, streamed: Streamed, scope: Scope, downstream: Region, runRegion: RunRegion): Promise<unknown> {
  const resume = await loadStreamResume(state, block.id, scope.path);
  let page = resume?.pages ?? 0;
  let records = resume?.records ?? 0;
  let readNow = 0;
  const began = performance.now();
  let lastProgress = 0;
  const entry = new Set(edgesFromPort(state.plan, block.id, 'out').map((e) => e.to));
  const pages = streamed.pages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const path = scope.path === null ? String(page) : `${scope.path}.${page}`;
      const open = beginStep(state, block, page, path, false);
      let next: IteratorResult<Awaited<ReturnType<typeof pages.next>>['value']>;
      try {
        next = await pages.next();
      } catch (e) {
        announceStep(state, open);
        endStep(state, open, streamed.input, null, e, null);
        throw e;
      }
      if (next.done) {
        // Nothing more to read: journaled only when the stream had no page at all, so the run shows the fetch.
        state.inFlight.delete(open.seq);
        if (page === 0) {
          announceStep(state, open);
          endStep(state, open, streamed.input, { pages: 0, records: 0 }, null, 'out');
        }
        break;
      }
      const current = next.value;
      announceStep(state, open);
      endStep(state, open, streamed.input, current.output, null, 'out');
      const pageScope: Scope = {
        trigger: scope.trigger, steps: { ...scope.steps, [block.id]: { output: current.output } }, item: scope.item, index: page, path, loops: scope.loops, effects: scope.effects,
      };
      await runRegion(state, downstream, pageScope, entry);
      current.delivered?.();
      records += current.records;
      readNow += current.records;
      // The page's journal rows go to disk before the checkpoint that says the page is done.
      await state.journal.flush();
      await state.checkpoints.append(state.runId, block.id, scope.path, { page, records, checkpoint: current.checkpoint } satisfies SavedStreamPage);
      page++;
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS || current.remaining === 0) {
        lastProgress = now;
        const perSecond = readNow / Math.max(0.001, (now - began) / 1000);
        state.events.emit({
          type: 'run.progress', runId: state.runId, blockId: block.id, unit: 'records', pages: page, done: records,
          total: current.remaining === null ? null : records + current.remaining, perSecond,
          etaSeconds: current.remaining === null || perSecond === 0 ? null : current.remaining / perSecond,
        });
      }
    }
  } finally {
    await pages.return?.();
  }
  return { pages: page, records };
}
