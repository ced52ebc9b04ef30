import { toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import type { StepRecord } from '../api/records';
import type { Block } from '../model/workflow';
import { isoNow } from './clock';
import type { JournalEntry } from './journal';
import type { RunState } from './run-loop';
import { Summarizer } from './summarize';

// One step's life in the journal and on the event stream: started (in flight, shown by
// `runs.steps`), then finished (journaled, large values summarized in live runs, announced).

export function stepId(runId: string, seq: number): string {
  return `${runId}:${String(seq).padStart(10, '0')}`;
}

/** A step that has started: journaled and announced by `endStep`. */
export interface OpenStep {
  readonly record: StepRecord;
  readonly seq: number;
  readonly started: number;
}

/** `announce: false` defers `step.started` (see `announceStep`): a stream page is announced once it arrived. */
export function beginStep(state: RunState, block: Block, index: number | undefined, path: string | null, announce = true): OpenStep {
  const seq = state.seq++;
  const record: StepRecord = {
    // Zero-padded, so ids sort as their numbers do: journal inserts go to the end of the primary
    // key's index instead of all over it (":10000" would otherwise sort between ":1000" and ":1001").
    id: stepId(state.runId, seq), runId: state.runId, blockId: block.id, blockKind: block.kind, iteration: index ?? null, iterationPath: path, attempt: 1,
    status: 'running', input: null, output: null, error: null, startedAt: isoNow(), finishedAt: null, durationMs: null,
  };
  state.inFlight.set(seq, record);
  if (announce) state.events.emit({ type: 'step.started', step: record });
  return { record, seq, started: performance.now() };
}

export function announceStep(state: RunState, open: OpenStep): void {
  state.events.emit({ type: 'step.started', step: open.record });
}

/** Journals a finished step (large values summarized in live runs) and announces it. */
export function endStep(
  state: RunState, open: OpenStep, input: unknown, output: unknown, failure: unknown, port: string | null,
  /** Applied to the error journaled (e.g. to hide a response body a connection keeps private). */
  errorShown?: (error: ErrorPayload) => ErrorPayload,
): void {
  const limit = state.mode === 'live' ? state.budget.fullJournalItems : Number.POSITIVE_INFINITY;
  const summary = new Summarizer(limit);
  const r = open.record;
  // One object serves the journal (which also reads seq and port) and the event. Spelled out
  // rather than spread over the started record: overriding its null payloads with objects made
  // every step's object take V8's slow path (a third of this function's time in a tight loop).
  const finished: JournalEntry = {
    id: r.id, runId: r.runId, blockId: r.blockId, blockKind: r.blockKind, iteration: r.iteration, iterationPath: r.iterationPath, attempt: r.attempt,
    status: failure ? 'failed' : 'succeeded', input: summary.of(input), output: summary.of(output),
    error: failure ? (errorShown ? errorShown(toErrorPayload(failure)) : toErrorPayload(failure)) : null,
    startedAt: r.startedAt, finishedAt: isoNow(), durationMs: performance.now() - open.started,
    seq: open.seq, port, summarized: summary.changed,
  };
  state.inFlight.delete(open.seq);
  state.journal.append(finished);
  state.events.emit({ type: 'step.finished', step: finished });
}
