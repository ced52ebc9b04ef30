import type { RunRecord, StepRecord } from './records';

// Events stream from the engine to every subscriber (IPC, SSE, in-process).
export type EngineEvent =
  | { readonly type: 'run.started'; readonly run: RunRecord }
  | { readonly type: 'step.started'; readonly step: StepRecord }
  | { readonly type: 'step.finished'; readonly step: StepRecord }
  | { readonly type: 'run.finished'; readonly run: RunRecord }
  | {
      readonly type: 'step.log';
      readonly runId: string;
      readonly blockId: string;
      readonly level: 'debug' | 'info' | 'warn' | 'error';
      readonly message: string;
      readonly data?: unknown;
    }
  /**
   * A long step's progress: a paged fetch after each page (and the blocks after it have handled
   * the page), a For Each every half second. `total` and `etaSeconds` are null when unknown.
   */
  | {
      readonly type: 'run.progress';
      readonly runId: string;
      readonly blockId: string;
      readonly unit: 'records' | 'items';
      readonly pages: number | null;
      readonly done: number;
      readonly total: number | null;
      readonly perSecond: number;
      readonly etaSeconds: number | null;
    }
  | { readonly type: 'scheduler.error'; readonly key: string; readonly message: string };

export type EngineEventListener = (event: EngineEvent) => void;
