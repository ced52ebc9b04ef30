import type { RunState } from './run-loop';

/**
 * Progress of a top-level For Each, at most twice a second (a loop inside a streamed page leaves
 * progress to the stream, which counts records across pages).
 */
export function loopProgress(state: RunState, blockId: string, total: number, already: number): () => void {
  const began = performance.now();
  let last = began;
  let done = already;
  return () => {
    done++;
    const now = performance.now();
    if (now - last < 500 && done < total) return;
    last = now;
    const perSecond = (done - already) / Math.max(0.001, (now - began) / 1000);
    state.events.emit({ type: 'run.progress', runId: state.runId, blockId, unit: 'items', pages: null, done, total, perSecond, etaSeconds: perSecond > 0 ? (total - done) / perSecond : null });
  };
}
