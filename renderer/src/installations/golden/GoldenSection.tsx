import { useCallback, useEffect, useState } from 'react';
import type { GoldenSetSummary, RegressionReport } from '../../../../engine/api/methods/golden';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import { useClient } from '../../client/context';
import { formatWhen } from '../format';
import { useAction, useLoad } from '../useLoad';
import { RegressionView } from './RegressionView';

function GoldenRow(props: { set: GoldenSetSummary; onChanged(): void }) {
  const client = useClient();
  const action = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const { set } = props;
  const done = (p: Promise<unknown>) => void action.run(() => p).then((r) => r !== undefined && props.onChanged());
  return (
    <tr data-testid={`golden-${set.id}`}>
      <td>
        {editing === null ? set.name : (
          <input aria-label="New name" value={editing} onChange={(e) => setEditing(e.target.value)} autoFocus
            onKeyDown={(e) => { if (e.key === 'Enter' && editing.trim()) { setEditing(null); done(client.call('golden.rename', { id: set.id, name: editing.trim() })); } }} />
        )}
      </td>
      <td>{set.workflowName}{set.mappingNames.length > 0 ? <div className="muted">via {set.mappingNames.map((n) => `“${n}”`).join(', ')}</div> : null}</td>
      <td className="mono">{set.recordKeys.join(', ')}</td>
      <td>{formatWhen(set.createdAt)}</td>
      <td>
        <button type="button" onClick={() => setEditing(editing === null ? set.name : null)}>{editing === null ? 'Rename' : 'Cancel'}</button>{' '}
        <button type="button" className="danger" data-testid="golden-remove" disabled={action.busy} onClick={() => done(client.call('golden.remove', { id: set.id }))}>Remove</button>
        {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      </td>
    </tr>
  );
}

/** The installation's golden records, and what the latest release (or the draft) would do to them. */
export function GoldenSection(props: { installation: InstallationRecord; refresh: number }) {
  const client = useClient();
  const id = props.installation.id;
  const sets = useLoad(useCallback(() => client.call('golden.list', { installationId: id }), [client, id]));
  const { reload } = sets;
  useEffect(() => {
    if (props.refresh > 0) void reload();
  }, [props.refresh, reload]);
  const action = useAction();
  const [report, setReport] = useState<RegressionReport | null>(null);
  const check = (version?: string) => void action.run(() => client.call('golden.regress', { installationId: id, ...(version ? { version } : {}) })).then((r) => r && setReport(r));
  if (props.installation.status !== 'installed') return null;
  return (
    <section className="card" aria-labelledby="golden-title" data-testid="golden-section">
      <h2 id="golden-title">Golden records</h2>
      <p className="form-note">
        Records kept from a test sync (open a run below and choose <i>Keep as golden records</i>), with every block&apos;s output for them.
        Each rebase and update replays them, with no network and no writes, to show what would change in this customer&apos;s output.
      </p>
      {sets.error ? <div className="field-error" role="alert">{sets.error}</div> : null}
      {sets.data && sets.data.length === 0 ? <p className="empty-note" data-testid="golden-empty">No golden records yet.</p> : null}
      {sets.data && sets.data.length > 0 ? (
        <>
          <table className="workflow-table compact" data-testid="golden-list">
            <thead><tr><th>Name</th><th>Workflow</th><th>Records</th><th>Kept</th><th /></tr></thead>
            <tbody>{sets.data.map((s) => <GoldenRow key={s.id} set={s} onChanged={() => void reload()} />)}</tbody>
          </table>
          <div className="inline-form">
            <button type="button" data-testid="golden-check-latest" disabled={action.busy} onClick={() => check()}>Compare with the latest release</button>
            <button type="button" data-testid="golden-check-draft" disabled={action.busy} onClick={() => check('draft')}>Compare with the draft</button>
          </div>
        </>
      ) : null}
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      {report ? <RegressionView report={report} /> : null}
    </section>
  );
}
