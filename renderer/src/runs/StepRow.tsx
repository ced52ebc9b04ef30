import type { ReactNode } from 'react';
import type { StepRecord } from '../../../engine/api';
import { stepRecovery } from '../../../engine/shared/step-recovery';
import { blockMeta } from '../catalog/blocks';
import { formatDuration } from './format';
import { JsonView } from './JsonView';
import { dryRunRequest, WouldSend } from './WouldSend';

/** A step's error in words; the stable code and raw details stay behind "Technical details". */
export function StepError({ error, testId }: { error: NonNullable<StepRecord['error']>; testId?: string }) {
  return (
    <div className="step-error" data-testid={testId}>
      <span>{error.message}</span>
      <details className="tech-details">
        <summary>Technical details</summary>
        <div className="mono">{error.code}</div>
        {error.details !== undefined ? <JsonView value={error.details} openDepth={1} /> : null}
      </details>
    </div>
  );
}

/**
 * One step of a run: a summary line that expands to its input, output and error. `open` makes it
 * controlled (For Each groups keep one iteration open at a time).
 */
export function StepRow(props: { step: StepRecord; blockName: string | null; open?: boolean; onToggle?(open: boolean): void; extra?: ReactNode }) {
  const { step } = props;
  const meta = blockMeta(step.blockKind);
  const testId = step.iteration === null ? `step-${step.blockId}` : `step-${step.blockId}-${step.iteration}`;
  const wouldSend = dryRunRequest(step.output);
  // A write an interruption left in doubt: found at the destination, or sent again.
  const recovery = stepRecovery(step.output);
  const open = props.open ?? step.status === 'failed';
  return (
    <details className={`step-row status-${step.status}`} data-testid={testId} open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        if (props.onToggle && now !== open) props.onToggle(now);
      }}>
      <summary>
        <span className={`status-pill status-${step.status}`} data-testid={`${testId}-status`}>{step.status}</span>
        <span className="step-name">{props.blockName ?? step.blockName ?? meta.title}</span>
        <span className="step-kind">{meta.title}</span>
        {step.iteration !== null ? <span className="step-iteration">item {(step.iterationPath ?? String(step.iteration)).split('.').map((n) => Number(n) + 1).join('.')}</span> : null}
        {step.attempt > 1 ? <span className="step-iteration">attempt {step.attempt}</span> : null}
        {wouldSend ? <span className="badge badge-test">not sent</span> : null}
        {recovery ? <span className={`badge ${recovery.kind === 'reconciled' ? 'badge-ok' : 'badge-update'}`} data-testid={`${testId}-recovery`}>{recovery.kind === 'reconciled' ? 'already delivered' : 'in doubt: sent again'}</span> : null}
        <span className="step-duration">{formatDuration(step.durationMs)}</span>
      </summary>
      {open || props.open === undefined ? (
        <div className="step-detail">
          {step.error ? <StepError error={step.error} testId={`${testId}-error`} /> : null}
          {recovery ? <div className={`step-recovery step-recovery-${recovery.kind}`} data-testid={`${testId}-recovery-note`}>{recovery.note}</div> : null}
          {wouldSend ? <WouldSend request={wouldSend} testId={`${testId}-would-send`} /> : null}
          <div className="step-io">
            <div>
              <div className="step-io-title">Input</div>
              <JsonView value={step.input} testId={`${testId}-input`} />
            </div>
            <div>
              <div className="step-io-title">Output</div>
              <JsonView value={step.output} openDepth={3} testId={`${testId}-output`} />
            </div>
          </div>
          {props.extra}
        </div>
      ) : null}
    </details>
  );
}
