import type { StepRecord, WorkflowDoc } from '../../../engine/api';
import type { RunView } from '../store/types';

// A sample input for a block's editor, taken from the run panel's current run: what this block
// received last time, or else what the block wired into it produced.

export interface LastSample {
  readonly value: unknown;
  /** Where it came from, for the label next to the editor ("input of code, run 10:42"). */
  readonly from: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The latest finished step of a block (the last iteration inside a loop). */
function lastStep(steps: readonly StepRecord[], blockId: string): StepRecord | undefined {
  let best: StepRecord | undefined;
  for (const s of steps) {
    if (s.blockId !== blockId || s.status === 'running') continue;
    if (!best || (s.finishedAt ?? '') >= (best.finishedAt ?? '')) best = s;
  }
  return best;
}

export function lastSampleFor(view: RunView, doc: WorkflowDoc, blockId: string): LastSample | null {
  const steps = Object.values(view.steps);
  if (steps.length === 0) return null;
  // A step's input is its resolved config, so the block's own `input` setting is the exact value.
  const own = lastStep(steps, blockId);
  if (own && isRecord(own.input) && own.input.input !== undefined) return { value: own.input.input, from: 'this block\'s input in the last run' };
  for (const edge of doc.edges) {
    if (edge.to !== blockId) continue;
    const prev = lastStep(steps, edge.from);
    if (prev && prev.status === 'succeeded') {
      const name = doc.blocks.find((b) => b.id === edge.from)?.name || edge.from;
      return { value: prev.output, from: `output of "${name}" in the last run` };
    }
  }
  return null;
}
