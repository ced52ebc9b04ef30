import { useState } from 'react';
import type { UpgradeCheck } from '../../../engine/api/methods/golden';
import { useClient } from '../client/context';
import { RegressionView } from '../installations/golden/RegressionView';
import { hrefs } from '../installations/routes';
import { useAction } from '../installations/useLoad';

const checkLabel: Readonly<Record<UpgradeCheck['outcome'], string>> = {
  unchanged: 'Unchanged output',
  changed: 'Changed output',
  conflicts: 'Conflicts',
  failed: 'Failed',
  cannot_compare: 'Cannot compare',
  no_golden_records: 'No golden records',
  up_to_date: 'Up to date',
};

/**
 * Before "Update all installations": each installation's golden records replayed through the
 * release, so the analyst sees whose output would change; only unchanged ones are safe to apply blind.
 */
export function UpgradeRegressionPreview(props: { integrationId: string; releaseId: string; onApplied(): void; busy: boolean }) {
  const client = useClient();
  const action = useAction();
  const [checks, setChecks] = useState<UpgradeCheck[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const preview = () =>
    void action.run(() => client.call('golden.regressAll', { integrationId: props.integrationId, releaseId: props.releaseId || undefined })).then((c) => c && setChecks(c));
  return (
    <div data-testid="upgrade-regression">
      <button type="button" data-testid="update-all-preview" disabled={action.busy || props.busy} onClick={preview}>
        {action.busy ? 'Replaying golden records…' : 'Preview update'}
      </button>
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      {checks !== null ? (
        <table className="workflow-table compact" data-testid="upgrade-preview-report">
          <thead><tr><th>Customer</th><th>Outcome</th><th>Details</th></tr></thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.installationId} data-testid={`upgrade-check-${c.installationId}`}>
                <td><a className="row-link" href={hrefs.installation(c.installationId)}>{c.customerName}</a></td>
                <td><span className={`outcome outcome-${c.outcome}`} data-testid="upgrade-check-outcome">{checkLabel[c.outcome]}</span></td>
                <td>
                  {c.message}
                  {c.regression && c.regression.sets.length > 0 ? (
                    <details open={open === c.installationId} onToggle={(e) => setOpen(e.currentTarget.open ? c.installationId : null)}>
                      <summary>Output diff</summary>
                      {open === c.installationId ? <RegressionView report={c.regression} /> : null}
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {checks?.some((c) => c.outcome === 'unchanged') ? (
        <button type="button" data-testid="update-unchanged" disabled={props.busy} onClick={props.onApplied}>
          Update the {checks.filter((c) => c.outcome === 'unchanged').length} unchanged installation(s) only
        </button>
      ) : null}
    </div>
  );
}
