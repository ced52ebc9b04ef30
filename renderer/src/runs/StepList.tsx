import { useMemo, useState, type ReactNode } from 'react';
import type { StepRecord } from '../../../engine/api';
import { describeCounts, groupSteps, type StepEntry } from './groupSteps';
import { StepRow } from './StepRow';

const ITERATIONS_SHOWN = 50;

/** Something shown under a step's input and output (e.g. the connection's hide-bodies switch). */
type ExtraFor = (step: StepRecord) => ReactNode;

function IterationGroup({ entry, name, extraFor }: { entry: Extract<StepEntry, { kind: 'iterations' }>; name: string; extraFor?: ExtraFor }) {
  const [open, setOpen] = useState<string | null>(null);
  const [shown, setShown] = useState(ITERATIONS_SHOWN);
  const failed = (entry.counts.failed ?? 0) > 0;
  return (
    <details className="step-group" data-testid={`step-group-${entry.blockId}`} open={failed}>
      <summary>
        <b>{name}</b> — {entry.steps.length} item{entry.steps.length === 1 ? '' : 's'}
        <span className="step-group-counts" data-testid={`step-group-${entry.blockId}-counts`}>{describeCounts(entry.counts)}</span>
      </summary>
      <div className="step-group-body">
        {entry.steps.slice(0, shown).map((s) => (
          <StepRow key={s.id} step={s} blockName={name} open={open === s.id} onToggle={(now) => setOpen(now ? s.id : null)} extra={extraFor?.(s)} />
        ))}
        {entry.steps.length > shown ? (
          <button type="button" className="link-button show-more" onClick={() => setShown(shown + ITERATIONS_SHOWN * 4)}>
            Show more ({entry.steps.length - shown} not shown)
          </button>
        ) : null}
      </div>
    </details>
  );
}

/** A run's steps by block name, loop iterations grouped per block (failed first, one open at a time). */
export function StepList({ steps, names, extraFor }: { steps: readonly StepRecord[]; names?: ReadonlyMap<string, string>; extraFor?: ExtraFor }) {
  const entries = useMemo(() => groupSteps(steps), [steps]);
  const nameOf = (s: { blockId: string; blockName?: string | undefined }) => names?.get(s.blockId) ?? s.blockName ?? s.blockId;
  return (
    <>
      {entries.map((e) =>
        e.kind === 'step' ? (
          <StepRow key={e.step.id} step={e.step} blockName={nameOf(e.step)} extra={extraFor?.(e.step)} />
        ) : (
          <IterationGroup key={`group-${e.blockId}`} entry={e} name={e.steps[0] ? nameOf(e.steps[0]) : e.blockId} extraFor={extraFor} />
        ),
      )}
    </>
  );
}
