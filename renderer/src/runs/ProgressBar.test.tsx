// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, EngineEventListener, RunRecord } from '../../../engine/api';
import type { Transport } from '../client';
import { ProgressBar } from './ProgressBar';
import { useRunProgress, type RunProgressEvent } from './useRunProgress';

afterEach(cleanup);

const progress = (done: number, total: number | null): RunProgressEvent => ({
  type: 'run.progress', runId: 'r1', blockId: 'fetch_orders', unit: 'records', pages: Math.ceil(done / 1000), done, total, perSecond: 850, etaSeconds: total === null ? null : (total - done) / 850,
});

describe('run progress', () => {
  it('shows how far a backfill is, its rate and the time left', () => {
    render(<ProgressBar progress={progress(12_000, 20_000)} label="Fetch all purchase orders" />);
    expect(screen.getByTestId('run-progress-text').textContent).toBe('12,000 of 20,000 records · 12 pages · 850/s · about 9 s left');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('12000');
  });

  it('follows the event stream and forgets a run once it finishes', () => {
    let emit: EngineEventListener = () => undefined;
    const client = { call: () => Promise.reject(new Error('unused')), subscribe: (l: EngineEventListener) => ((emit = l), () => undefined) } as unknown as Transport;
    function Probe() {
      const byRun = useRunProgress(client);
      const p = byRun.get('r1');
      return <div data-testid="probe">{p ? `${p.run?.workflowName}: ${p.progress.done}` : 'idle'}</div>;
    }
    render(<Probe />);
    const run = { id: 'r1', workflowName: 'Fetch Historical Orders' } as RunRecord;
    act(() => emit({ type: 'run.started', run } as EngineEvent));
    act(() => emit(progress(3_000, null)));
    expect(screen.getByTestId('probe').textContent).toBe('Fetch Historical Orders: 3000');
    act(() => emit({ type: 'run.finished', run } as EngineEvent));
    expect(screen.getByTestId('probe').textContent).toBe('idle');
  });
});
