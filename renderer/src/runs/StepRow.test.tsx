// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { StepRecord } from '../../../engine/api';
import { withRecovery } from '../../../engine/shared/step-recovery';
import { StepRow } from './StepRow';

afterEach(cleanup);

const step = (output: unknown, attempt = 1): StepRecord => ({
  id: 'r1:0000000007', runId: 'r1', blockId: 'post_order', blockKind: 'http_request', iteration: 4, iterationPath: '1.4', attempt,
  status: 'succeeded', input: { method: 'POST', url: '/orders' }, output, error: null,
  startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:00.020Z', durationMs: 20,
});

describe('a step an interruption left in doubt', () => {
  it('reads as already delivered when the destination had it', () => {
    render(<StepRow step={step(withRecovery({ status: 200, headers: {}, body: { id: 'ord_000120', external_order_id: 'PO120' } }, 'reconciled'))} blockName="Send to Your App" open />);
    expect(screen.getByTestId('step-post_order-4-recovery').textContent).toBe('already delivered');
    expect(screen.getByTestId('step-post_order-4-recovery-note').textContent).toBe('Already delivered before the interruption; not sent again.');
    expect(screen.queryByText('attempt 2')).toBeNull();
  });

  it('reads as sent again, second attempt, when the destination could not be asked', () => {
    render(<StepRow step={step(withRecovery({ status: 201, headers: {}, body: {} }, 'sent_again'), 2)} blockName="Send to Your App" open />);
    expect(screen.getByTestId('step-post_order-4-recovery').textContent).toBe('in doubt: sent again');
    expect(screen.getByTestId('step-post_order-4-recovery-note').textContent).toMatch(/^In doubt: sent again\./);
    expect(screen.getByText('attempt 2')).toBeTruthy();
  });

  it('shows nothing of the kind for an ordinary step', () => {
    render(<StepRow step={step({ status: 201, headers: {}, body: {} })} blockName="Send to Your App" open />);
    expect(screen.queryByTestId('step-post_order-4-recovery')).toBeNull();
  });
});
