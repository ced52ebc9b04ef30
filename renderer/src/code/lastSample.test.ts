import { describe, expect, it } from 'vitest';
import type { StepRecord, WorkflowDoc } from '../../../engine/api';
import { emptyRun } from '../store/types';
import { lastSampleFor } from './lastSample';

const doc: WorkflowDoc = {
  schemaVersion: 1, name: 'w', notes: '',
  blocks: [
    { id: 'fetch', kind: 'http_request', name: 'Fetch orders', config: {}, position: { x: 0, y: 0 } },
    { id: 'code', kind: 'custom_code', name: 'Code', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [{ id: 'e', from: 'fetch', port: 'out', to: 'code' }],
};

function step(id: string, blockId: string, input: unknown, output: unknown, finishedAt: string, status: StepRecord['status'] = 'succeeded'): StepRecord {
  return { id, runId: 'r', blockId, blockKind: 'x', iteration: null, iterationPath: null, attempt: 1, status, input, output, error: null, startedAt: finishedAt, finishedAt, durationMs: 1 };
}

describe('sample input from the last run', () => {
  it('prefers what the block itself received, else the output of the block wired into it', () => {
    const fetched = step('r:1', 'fetch', {}, { body: [1, 2] }, '2026-01-01T00:00:01Z');
    expect(lastSampleFor(emptyRun, doc, 'code')).toBeNull();
    expect(lastSampleFor({ ...emptyRun, steps: { 'r:1': fetched } }, doc, 'code')).toEqual({ value: { body: [1, 2] }, from: 'output of "Fetch orders" in the last run' });
    const own = step('r:2', 'code', { code: '…', input: [{ id: 7 }] }, null, '2026-01-01T00:00:02Z', 'failed');
    expect(lastSampleFor({ ...emptyRun, steps: { 'r:1': fetched, 'r:2': own } }, doc, 'code')?.value).toEqual([{ id: 7 }]);
  });
});
