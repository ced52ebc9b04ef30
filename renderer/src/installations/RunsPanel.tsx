import { useCallback, useEffect, useState } from 'react';
import type { RunRecord, StepRecord } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { formatDuration, runDuration } from '../runs/format';
import { RunNotes } from '../runs/RunNotes';
import { StepList } from '../runs/StepList';
import { formatWhen } from './format';
import { useLoad } from './useLoad';

export function RunSteps({ run }: { run: RunRecord }) {
  const client = useClient();
  const [steps, setSteps] = useState<StepRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('runs.steps', { runId: run.id })
      .then((s) => live && setSteps(s))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [client, run.id, run.finishedAt]);
  return (
    <div className="run-steps" data-testid="installation-run-steps">
      <RunNotes run={run} />
      {error ? <div className="field-error" role="alert">{error}</div> : null}
      {steps ? <StepList steps={steps} /> : null}
      {steps?.length === 0 ? <p className="empty-note">No steps recorded.</p> : null}
    </div>
  );
}

/** Runs of one workflow for this installation; a run expands to its steps' input and output. */
export function RunsPanel(props: { installationId: string; workflowId: string; workflowName: string; refresh: number; focusRunId?: string | null }) {
  const client = useClient();
  const runs = useLoad(useCallback(() => client.call('installations.runs', { id: props.installationId, limit: 100 }), [client, props.installationId]));
  const { reload } = runs;
  useEffect(() => {
    if (props.refresh > 0) void reload();
  }, [props.refresh, reload]);
  const [open, setOpen] = useState<string | null>(props.focusRunId ?? null);
  useEffect(() => {
    if (props.focusRunId) setOpen(props.focusRunId);
  }, [props.focusRunId]);
  const mine = (runs.data ?? []).filter((r) => r.workflowId === props.workflowId);
  return (
    <div className="runs-panel" data-testid="runs-panel">
      <h3>Runs of {props.workflowName}</h3>
      {runs.error ? <div className="field-error" role="alert">{runs.error}</div> : null}
      {mine.length === 0 ? <p className="empty-note">No runs yet.</p> : null}
      {mine.map((r) => (
        <details key={r.id} className="run-item" open={open === r.id} data-testid={`run-${r.id}`}
          onToggle={(e) => {
            const isOpen = e.currentTarget.open;
            if (isOpen !== (open === r.id)) setOpen(isOpen ? r.id : null);
          }}>
          <summary>
            <span className={`status-pill status-${r.status}`} data-testid="run-item-status">{r.status}</span>
            {r.mode === 'test' ? <span className="badge badge-test">test sync · not sent</span> : null}
            <span>{formatWhen(r.startedAt)}</span>
            <span className="muted">{formatDuration(runDuration(r))} · {r.stepCount} steps</span>
            {r.stopReason ? <span className="stop-reason" data-testid="run-item-stop-reason">Stopped: {r.stopReason}</span> : null}
          </summary>
          {open === r.id ? <RunSteps run={r} /> : null}
        </details>
      ))}
    </div>
  );
}
