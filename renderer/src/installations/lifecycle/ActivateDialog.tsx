import { useCallback, useEffect } from 'react';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import { useClient } from '../../client/context';
import { useAction, useLoad } from '../useLoad';

/**
 * Activation, said before it happens: which schedules start polling, which backfill runs now, or
 * what must be fixed first (a backfill still held by its Stop block among them).
 */
export function ActivateDialog(props: {
  installation: InstallationRecord;
  onClose(): void;
  onActivated(r: InstallationRecord, started: number): void;
  /** The connection a problem names, so the page can mark its row. */
  onAttention?(connectionKey: string | null): void;
}) {
  const client = useClient();
  const { installation: inst } = props;
  const preview = useLoad(useCallback(() => client.call('installations.activationPreview', { id: inst.id }), [client, inst.id]));
  const action = useAction();
  const p = preview.data;
  const attention = p?.problems.find((x) => x.connectionKey)?.connectionKey ?? null;
  const { onAttention } = props;
  useEffect(() => {
    if (p) onAttention?.(attention);
  }, [p, attention, onAttention]);
  const activate = () =>
    void action.run(() => client.call('installations.activate', { id: inst.id })).then((r) => r && props.onActivated(r.installation, r.runs.length));
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="activate-title" data-testid="activate-dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <h2 id="activate-title">Activate {inst.customerName}&apos;s installation?</h2>
        {preview.error ? <div className="banner banner-error" role="alert">{preview.error}</div> : null}
        {!p ? <p className="empty-note">Checking connections…</p> : (
          <>
            {p.problems.length > 0 ? (
              <div className="banner banner-error" role="alert" data-testid="activate-problems">
                <div>
                  <b>Fix these first:</b>
                  <ul className="problem-list">{p.problems.map((x) => <li key={x.message}>{x.message}</li>)}</ul>
                </div>
              </div>
            ) : null}
            <h3>What starts</h3>
            <ul className="plain-list" data-testid="activate-summary">
              {p.schedules.map((s) => <li key={s.workflowId}><b>{s.name}</b> runs {s.every}.</li>)}
              {p.backfills.map((b) => (
                <li key={b.workflowId}>
                  {b.heldBy
                    ? <><b>{b.name}</b> waits at &quot;{b.heldBy}&quot;: it runs once on activation after that block is removed from the customer&apos;s version.</>
                    : <><b>{b.name}</b> runs once now (the backfill).</>}
                </li>
              ))}
              {p.schedules.length === 0 && p.backfills.length === 0 ? <li>Nothing runs on its own: this integration has no schedules or backfill.</li> : null}
            </ul>
            <p className="form-note">Pause stops the schedules at any time; test syncs and manual runs work either way.</p>
          </>
        )}
        {action.error ? <div className="field-error" role="alert" data-testid="activate-error">{action.error}</div> : null}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="button" className="primary" data-testid="activate-confirm" disabled={!p?.ready || action.busy} onClick={activate}>
            {action.busy ? 'Activating…' : 'Activate'}
          </button>
        </div>
      </div>
    </div>
  );
}
