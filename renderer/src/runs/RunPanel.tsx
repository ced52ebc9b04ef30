import { useEffect, useMemo, useState } from 'react';
import type { MethodResult, RunRecord } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { useWorkflow, useWorkflowStoreApi } from '../store/context';
import { loadMoreSteps, orderedSteps, refreshRun } from '../store/runs';
import { sourceOf } from '../store/source';
import { formatDuration, formatTime, runDuration } from './format';
import { ProgressBar } from './ProgressBar';
import { useRunProgress } from './useRunProgress';
import { HideBodiesToggle } from './HideBodiesToggle';
import { RunNotes, runWhose } from './RunNotes';
import { StepList } from './StepList';
import { useCan } from '../session/context';

type Connection = MethodResult<'connections.get'>;

/** The connection a block's config names, if any (JSON API Call and NetSuite blocks). */
function connectionIdOf(config: unknown): string | null {
  const id = typeof config === 'object' && config !== null ? (config as { connectionId?: unknown }).connectionId : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Rows rendered at once; a For Each over thousands of items pages through its iterations. */
const STEP_PAGE = 200;

/** The current run's steps, live, plus a picker for earlier runs of this workflow. */
export function RunPanel(props: { onClose(): void }) {
  const store = useWorkflowStoreApi();
  const client = useClient();
  const can = useCan();
  const view = useWorkflow((s) => s.run);
  const workflowId = useWorkflow((s) => s.workflowId);
  const blocks = useWorkflow((s) => s.doc.blocks);
  const [history, setHistory] = useState<RunRecord[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [failedOnly, setFailedOnly] = useState(false);
  const [limit, setLimit] = useState(STEP_PAGE);
  const steps = useMemo(() => orderedSteps(view), [view]);
  const failedCount = useMemo(() => steps.filter((s) => s.status === 'failed').length, [steps]);
  const listed = failedOnly ? steps.filter((s) => s.status === 'failed') : steps;
  const names = useMemo(() => new Map(blocks.map((b) => [b.id, b.name])), [blocks]);
  const connectionOfBlock = useMemo(() => new Map(blocks.map((b) => [b.id, connectionIdOf(b.config)])), [blocks]);
  const [connections, setConnections] = useState<ReadonlyMap<string, Connection>>(new Map());
  useEffect(() => {
    let live = true;
    client
      .call('connections.list', {})
      .then((list) => live && setConnections(new Map(list.map((c) => [c.id, c]))))
      .catch(() => undefined); // without the list the steps still show, just without the switch
    return () => {
      live = false;
    };
  }, [client]);
  const hideSwitch = (blockId: string, testId: string) => {
    const id = connectionOfBlock.get(blockId);
    const connection = id ? connections.get(id) : undefined;
    return connection ? (
      <HideBodiesToggle connection={connection} testId={testId} onChange={(c) => setConnections((m) => new Map(m).set(c.id, c))} />
    ) : null;
  };
  const finished = view.run?.finishedAt ?? null;
  const progress = useRunProgress(client).get(view.runId ?? '');

  useEffect(() => {
    let live = true;
    sourceOf(store)
      .listRuns(client, 20)
      .then((runs) => live && setHistory(runs))
      .catch(() => undefined); // history is a convenience; the current run still shows
    return () => {
      live = false;
    };
  }, [store, client, workflowId, view.runId, finished]);

  const run = view.run;
  return (
    <section className="run-panel" data-testid="run-panel" aria-label="Run">
      <div className="run-panel-head">
        <span className="panel-title">Run</span>
        {run ? (
          <>
            <span className={`status-pill status-${run.status}`} data-testid="run-status">{run.status}</span>
            <span className="run-meta">
              {formatTime(run.startedAt)} · {formatDuration(runDuration(run))} · {steps.length} step{steps.length === 1 ? '' : 's'}
              {' · '}<span className="run-whose" data-testid="run-whose">{runWhose(run)}</span>
            </span>
            {(run.status === 'running' || run.status === 'queued') && can('runs.cancel') ? (
              <button type="button" className="small" onClick={() => void client.call('runs.cancel', { id: run.id }).catch(() => undefined)}>
                Cancel run
              </button>
            ) : null}
          </>
        ) : view.starting ? (
          <span className="run-meta">Starting…</span>
        ) : null}
        <span className="spacer" />
        {failedCount > 0 ? (
          <label className="inline-check">
            <input type="checkbox" checked={failedOnly} data-testid="failed-only" onChange={(e) => setFailedOnly(e.target.checked)} />
            Failed only ({failedCount})
          </label>
        ) : null}
        {history.length > 0 ? (
          <select aria-label="Earlier runs" data-testid="run-history" value={view.runId ?? ''}
            onChange={(e) => {
              setLoadError(null);
              if (e.target.value) refreshRun(store, client, e.target.value).catch((err: unknown) => setLoadError(errorMessage(err)));
            }}>
            {view.runId && !history.some((r) => r.id === view.runId) ? <option value={view.runId}>current run</option> : null}
            {!view.runId ? <option value="">Earlier runs…</option> : null}
            {history.map((r) => (
              <option key={r.id} value={r.id}>{`${formatTime(r.startedAt)} — ${r.mode === 'test' ? 'test sync, ' : ''}${r.status}${r.customerName ? ` — ${r.customerName}` : ''}`}</option>
            ))}
          </select>
        ) : null}
        <button type="button" className="icon-button" title="Close run panel" onClick={props.onClose}>×</button>
      </div>
      {view.error || loadError ? <div className="banner banner-error" role="alert" data-testid="run-error">{view.error ?? loadError}</div> : null}
      {run ? <RunNotes run={run} /> : null}
      {progress && run && !run.finishedAt ? <ProgressBar progress={progress.progress} label={names.get(progress.progress.blockId) || progress.progress.blockId} /> : null}
      <div className="run-steps" data-testid="run-steps">
        <StepList steps={listed.slice(0, limit)} names={names} extraFor={(s) => hideSwitch(s.blockId, `hide-bodies-${s.id}`)} />
        {listed.length > limit ? (
          <button type="button" className="link-button show-more" onClick={() => setLimit(limit + STEP_PAGE * 5)}>
            Show more steps ({listed.length - limit} not shown)
          </button>
        ) : view.moreAfterSeq !== null && view.moreAfterSeq !== undefined ? (
          <button type="button" className="link-button show-more" data-testid="load-more-steps"
            onClick={() => {
              setLimit(limit + STEP_PAGE * 5);
              loadMoreSteps(store, client).catch((err: unknown) => setLoadError(errorMessage(err)));
            }}>
            Load more steps
          </button>
        ) : null}
        {!run && !view.starting && !view.error ? <div className="empty-note">Run the workflow to see each step here.</div> : null}
      </div>
    </section>
  );
}
