import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { ExportBundleDialog } from '../bundles/ExportBundleDialog';
import { useClient } from '../client/context';
import { formatWhen } from '../installations/format';
import { hrefs, navigate } from '../installations/routes';
import { useAction, useLoad } from '../installations/useLoad';
import { AppNav } from './AppNav';
import { RebaseAllSection } from './RebaseAllSection';
import { ReleasesSection } from './ReleasesSection';
import { SharedMappingsCard } from './SharedMappingsCard';
import { kindLabel } from './RequiredConnectionsEditor';
import { useCan } from '../session/context';

/** One integration: its base workflows (edited in the canvas editor), releases, and batch update. */
export function IntegrationDetail({ id }: { id: string }) {
  const client = useClient();
  const can = useCan();
  const integration = useLoad(useCallback(() => client.call('integrations.get', { id }), [client, id]));
  const releases = useLoad(useCallback(() => client.call('integrations.releases', { id }), [client, id]));
  const action = useAction();
  const [wfName, setWfName] = useState('');
  const [exporting, setExporting] = useState(false);
  const names = useMemo(() => new Map((integration.data?.workflows ?? []).map((w) => [w.id, w.name])), [integration.data]);

  const addWorkflow = (e: FormEvent) => {
    e.preventDefault();
    const name = wfName.trim();
    if (!name) return;
    void action.run(() => client.call('integrations.addWorkflow', { id, name })).then((wf) => wf && navigate(hrefs.workflow(wf.id)));
  };

  const i = integration.data;
  return (
    <div className="manager-page">
      <AppNav current="integrations" />
      <main className="list-page" data-testid="integration-detail">
        <a className="back-link" href={hrefs.integrations}>← Integrations</a>
        {integration.error ? <div className="banner banner-error" role="alert">{integration.error}</div> : null}
        {i === null ? (
          <p className="empty-note">Loading…</p>
        ) : (
          <>
            <header className="list-header">
              <h1 data-testid="integration-title">{i.name}</h1>
              {i.latestRelease !== null ? <span className="badge">latest v{i.latestRelease}</span> : <span className="muted">not released</span>}
              <span className="spacer" />
              <button type="button" data-testid="export-integration-bundle" onClick={() => setExporting(true)}>Export bundle…</button>
              <a className="row-link" href={hrefs.installations}>Installations →</a>
            </header>
            {exporting ? <ExportBundleDialog integrationId={id} onClose={() => setExporting(false)} /> : null}
            {i.description ? <p className="page-lead">{i.description}</p> : null}
            <section className="card" aria-labelledby="base-title">
              <h2 id="base-title">Base workflows</h2>
              {i.workflows.length === 0 ? (
                <p className="empty-note">No base workflows yet. Add the first one below; it opens in the editor.</p>
              ) : (
                <table className="workflow-table compact" data-testid="base-workflows">
                  <thead><tr><th>Name</th><th className="num">Draft rev</th><th /></tr></thead>
                  <tbody>
                    {i.workflows.map((w) => (
                      <tr key={w.id} data-testid={`base-workflow-${w.id}`}>
                        <td>{w.name}</td>
                        <td className="num">{w.rev}</td>
                        <td className="row-actions"><a className="button-link small" href={hrefs.workflow(w.id)} data-testid="open-base-workflow">Open in editor</a></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {can('integrations.addWorkflow') ? <form className="inline-form" onSubmit={addWorkflow}>
                <input aria-label="New base workflow name" data-testid="new-base-workflow-name" placeholder="Fetch Historical Orders" value={wfName}
                  maxLength={200} onChange={(e) => setWfName(e.target.value)} />
                <button type="submit" data-testid="add-base-workflow" disabled={action.busy || wfName.trim() === ''}>Add base workflow</button>
              </form> : null}
              {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
            </section>
            <SharedMappingsCard integrationId={id} />
            <section className="card" aria-labelledby="needs-title">
              <h2 id="needs-title">Required connections</h2>
              {i.requiredConnections.length === 0 ? (
                <p className="empty-note">None: installations can install without credentials.</p>
              ) : (
                <ul className="plain-list">
                  {i.requiredConnections.map((c) => (
                    <li key={c.key}><b>{c.label}</b> <span className="muted">({kindLabel(c.kind)}, key <code>{c.key}</code>)</span></li>
                  ))}
                </ul>
              )}
            </section>
            <ReleasesSection integrationId={id} releases={releases.data ?? []}
              onReleased={() => void Promise.all([releases.reload(), integration.reload()])} />
            <RebaseAllSection integrationId={id} releases={releases.data ?? []} workflowNames={names} />
            <p className="form-note">Created {formatWhen(i.createdAt)} · updated {formatWhen(i.updatedAt)}</p>
          </>
        )}
      </main>
    </div>
  );
}
