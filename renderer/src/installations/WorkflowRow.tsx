import { useState } from 'react';
import type { RunMode } from '../../../engine/api';
import type { InstallationWorkflow } from '../../../engine/api/methods/installations';
import { useCan } from '../session/context';
import { formatWhen } from './format';

export interface WorkflowRowActions {
  run(mode: RunMode): void;
  viewRuns(): void;
  createUserVersion(): void;
  open(): void;
  diff(): void;
  rebase(): void;
  revert(): void;
}

/** One workflow of an installation: base or custom, its version, last run, and what can be done. */
/** `managedBy`: on a server, the desktop that published this installation and manages its user-specific versions. */
export function InstallationWorkflowRow(props: { wf: InstallationWorkflow; installed: boolean; busy: boolean; managedBy?: string | null; actions: WorkflowRowActions }) {
  const locked = Boolean(props.managedBy);
  const { wf, actions } = props;
  const [confirmRevert, setConfirmRevert] = useState(false);
  // On a server, buttons the signed-in role may not use are left out (the server would refuse them).
  const can = useCan();
  const mayRun = can('installations.runWorkflow');
  const mayCustomise = can('userVersions.create');
  const version = wf.userVersion ? wf.userVersion.ancestorVersion : wf.version;
  return (
    <tr data-testid={`installation-workflow-${wf.workflowId}`}>
      <td><b>{wf.name}</b></td>
      <td>
        {wf.userVersion ? <span className="badge badge-custom" data-testid="custom-badge">Custom</span> : <span className="badge badge-muted" data-testid="base-badge">Base</span>}
      </td>
      <td>
        <span className="badge">v{version}</span>
        {wf.updateAvailable ? <span className="badge badge-update" data-testid="update-available">Update available</span> : null}
      </td>
      <td data-testid="workflow-last-run">
        {wf.lastRun ? (
          <>
            <span className={`status-pill status-${wf.lastRun.status}`} data-testid="last-run-status">{wf.lastRun.status}</span>{' '}
            <span className="muted">{formatWhen(wf.lastRun.startedAt)}</span>
            {wf.lastRun.stopReason ? <div className="stop-reason" data-testid="last-run-stop-reason">{wf.lastRun.stopReason}</div> : null}
          </>
        ) : <span className="muted">never run</span>}
      </td>
      <td className="row-actions wf-actions">
        {mayRun ? <button type="button" className="small" data-testid="wf-run" disabled={!props.installed || props.busy} title="Run with live data" onClick={() => actions.run('live')}>Run</button> : null}
        {mayRun ? <button type="button" className="small" data-testid="wf-test-sync" disabled={!props.installed || props.busy} title="Run in test mode: writes are dry-run"
          onClick={() => actions.run('test')}>Test sync</button> : null}
        <button type="button" className="small" data-testid="wf-view-runs" onClick={actions.viewRuns}>View runs</button>
        {!mayCustomise ? null : wf.userVersion ? (
          <>
            <button type="button" className="small" data-testid="wf-open" onClick={actions.open}>Open</button>
            <button type="button" className="small" data-testid="wf-diff" onClick={actions.diff}>Diff vs base</button>
            <button type="button" className="small" data-testid="wf-rebase" disabled={!wf.updateAvailable || props.busy || locked}
              title={wf.updateAvailable ? 'Merge the newer base release into this version' : 'The latest release did not change this workflow'} onClick={actions.rebase}>Rebase</button>
            {confirmRevert ? (
              <span className="confirm-inline">
                <span className="confirm-text">Drop this customer&apos;s changes?</span>
                <button type="button" className="small danger" data-testid="wf-revert-confirm" onClick={() => { setConfirmRevert(false); actions.revert(); }}>Revert</button>
                <button type="button" className="small" onClick={() => setConfirmRevert(false)}>Keep</button>
              </span>
            ) : (
              <button type="button" className="small danger" data-testid="wf-revert" disabled={locked} title={props.managedBy ? `Managed on ${props.managedBy}, which published this installation: change it there and publish again` : undefined} onClick={() => setConfirmRevert(true)}>Revert to base</button>
            )}
          </>
        ) : (
          <button type="button" className="small primary" data-testid="wf-create-user-version" disabled={props.busy || !props.installed || locked} title={props.managedBy ? `Managed on ${props.managedBy}, which published this installation: change it there and publish again` : undefined} onClick={actions.createUserVersion}>
            Create user-specific version
          </button>
        )}
      </td>
    </tr>
  );
}
