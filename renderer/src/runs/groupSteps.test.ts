import { describe, expect, it } from 'vitest';
import type { StepRecord, StepStatus } from '../../../engine/api';
import { describeCounts, groupSteps } from './groupSteps';

let seq = 0;
function step(blockId: string, status: StepStatus, iteration: number | null = null): StepRecord {
  seq++;
  return {
    id: `run:${seq}`, runId: 'run', blockId, blockKind: 'log', iteration, iterationPath: iteration === null ? null : String(iteration), attempt: 1,
    status, input: null, output: null, error: null, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, durationMs: 1,
  };
}

describe('grouping a run for reading', () => {
  it('keeps top-level steps in order and gathers each block’s loop iterations into one entry, failures first', () => {
    const steps = [step('trigger', 'succeeded'), step('each', 'succeeded'), step('post', 'succeeded', 0), step('post', 'failed', 1), step('post', 'succeeded', 2), step('post', 'failed', 3), step('done', 'succeeded')];
    const entries = groupSteps(steps);
    expect(entries.map((e) => (e.kind === 'step' ? e.step.blockId : `group:${e.blockId}`))).toEqual(['trigger', 'each', 'group:post', 'done']);
    const group = entries[2];
    if (group?.kind !== 'iterations') throw new Error('expected a group');
    expect(group.steps.map((s) => [s.iteration, s.status])).toEqual([[1, 'failed'], [3, 'failed'], [0, 'succeeded'], [2, 'succeeded']]);
    expect(describeCounts(group.counts)).toBe('2 failed · 2 succeeded');
  });
});
