import type { ReactNode } from 'react';
import type { StepRecord } from '../../../engine/api';
import { blockMeta } from '../catalog/blocks';
import { formatDuration } from './format';
import { JsonView } from './JsonView';

/** One step of a run: a summary line that expands to its input, output and error. */
export function StepRow({ step, blockName, extra }: { step: StepRecord; blockName: string | null; extra?: ReactNode }) {
  const meta = blockMeta(step.blockKind);
  const testId = step.iteration === null ? `step-${step.blockId}` : `step-${step.blockId}-${step.iteration}`;
  return (
    <details className={`step-row status-${step.status}`} data-testid={testId} open={step.status === 'failed'}>
      <summary>
        <span className={`status-pill status-${step.status}`} data-testid={`${testId}-status`}>{step.status}</span>
        <span className="step-name">{blockName ?? step.blockId}</span>
        <span className="step-kind">{meta.title}</span>
        {step.iteration !== null ? <span className="step-iteration">#{step.iterationPath ?? step.iteration}</span> : null}
        {step.attempt > 1 ? <span className="step-iteration">attempt {step.attempt}</span> : null}
        <span className="step-duration">{formatDuration(step.durationMs)}</span>
      </summary>
      <div className="step-detail">
        {step.error ? (
          <div className="step-error" data-testid={`${testId}-error`}>
            <b>{step.error.code}</b>: {step.error.message}
            {step.error.details !== undefined ? <JsonView value={step.error.details} openDepth={1} /> : null}
          </div>
        ) : null}
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
        {extra}
      </div>
    </details>
  );
}
