import { useState } from 'react';
import type { RebaseReport } from '../../../engine/api/methods/installations';
import type { Release } from '../../../engine/api/methods/integrations';
import { useClient } from '../client/context';
import { hrefs } from '../installations/routes';
import { useAction } from '../installations/useLoad';
import { UpgradeRegressionPreview } from './UpgradeRegressionPreview';

const outcomeLabel: Readonly<Record<RebaseReport['outcome'], string>> = {
  merged: 'Merged',
  fast_forward: 'Nothing to merge',
  conflicts: 'Conflicts',
  failed: 'Failed',
  up_to_date: 'Up to date',
  skipped: 'Not updated',
};

/** "Update all installations": upgrades every installation to a release and reports each one. */
export function RebaseAllSection(props: { integrationId: string; releases: readonly Release[]; workflowNames: ReadonlyMap<string, string> }) {
  const client = useClient();
  const action = useAction();
  const [releaseId, setReleaseId] = useState('');
  const [reports, setReports] = useState<RebaseReport[] | null>(null);
  const sorted = [...props.releases].sort((a, b) => b.version - a.version);
  if (sorted.length === 0) return null;
  const update = (onlyUnchanged = false) =>
    void action
      .run(() => client.call('installations.rebaseAll', { integrationId: props.integrationId, releaseId: releaseId || undefined, onlyUnchanged }))
      .then((r) => r && setReports(r));
  return (
    <section className="card" aria-labelledby="rebase-all-title" data-testid="rebase-all-section">
      <h2 id="rebase-all-title">Update installations</h2>
      <p className="form-note">
        Moves every installation to a release the way its own Upgrade does: its user-specific versions and mappings are rebased with it.
        An installation with conflicts is not moved at all; its conflicts are listed here to decide on its page.
      </p>
      <div className="inline-form">
        <select aria-label="Target release" data-testid="rebase-all-release" value={releaseId} onChange={(e) => setReleaseId(e.target.value)}>
          <option value="">Latest (v{sorted[0]?.version})</option>
          {sorted.map((r) => <option key={r.id} value={r.id}>v{r.version}</option>)}
        </select>
        <button type="button" data-testid="rebase-all" disabled={action.busy} onClick={() => update()}>
          {action.busy ? 'Updating…' : 'Update all installations'}
        </button>
      </div>
      <UpgradeRegressionPreview integrationId={props.integrationId} releaseId={releaseId} busy={action.busy} onApplied={() => update(true)} />
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      {reports !== null ? (
        reports.length === 0 ? (
          <p className="empty-note" data-testid="rebase-all-empty">No installations to update.</p>
        ) : (
          <table className="workflow-table compact" data-testid="rebase-all-report">
            <thead><tr><th>Customer</th><th>Workflow</th><th>Outcome</th><th>Details</th></tr></thead>
            <tbody>
              {reports.map((r) => (
                <tr key={`${r.installationId}:${r.workflowId}`} data-testid={`rebase-report-${r.installationId}`}>
                  <td><a className="row-link" href={hrefs.installation(r.installationId)}>{r.customerName}</a></td>
                  <td>{r.mappingName ? <>Mapping “{r.mappingName}”</> : r.workflowId === '*' ? <span className="muted">all workflows</span> : (props.workflowNames.get(r.workflowId) ?? r.workflowId)}</td>
                  <td><span className={`outcome outcome-${r.outcome}`}>{outcomeLabel[r.outcome]}{r.outcome === 'conflicts' ? ` (${r.conflicts})` : ''}</span></td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
