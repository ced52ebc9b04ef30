// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../engine/api';
import { RunNotes } from './RunNotes';

afterEach(cleanup);

const run = (status: RunRecord['status'], code: string, message: string): RunRecord =>
  ({ id: 'r1', status, mode: 'live', customerName: 'Acme', testRecordLimit: null, stopReason: null, error: { code, message } }) as unknown as RunRecord;

describe('run notes', () => {
  it('shows why a queued run still waits as a warning, not as a failure', () => {
    render(<RunNotes run={run('queued', 'worker_too_old', 'Waiting for a worker of Patchbay ≥ 2.0.0')} />);
    expect(screen.getByTestId('run-waiting').textContent).toContain('Waiting for a worker of Patchbay ≥ 2.0.0');
    expect(screen.queryByTestId('run-failure')).toBeNull();
  });

  it('shows a failed run its error as a failure', () => {
    render(<RunNotes run={run('failed', 'run_retries_exhausted', 'Gave up after 3 attempts')} />);
    expect(screen.getByTestId('run-failure').textContent).toContain('Gave up after 3 attempts');
    expect(screen.queryByTestId('run-waiting')).toBeNull();
  });
});
