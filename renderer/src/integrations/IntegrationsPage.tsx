import { useCallback, useState, type FormEvent } from 'react';
import type { RequiredConnection } from '../../../engine/api/methods/integrations';
import { BundlesCard } from '../bundles/BundlesCard';
import { useClient } from '../client/context';
import { formatWhen } from '../installations/format';
import { hrefs, navigate } from '../installations/routes';
import { useAction, useLoad } from '../installations/useLoad';
import { AppNav } from './AppNav';
import { RequiredConnectionsEditor } from './RequiredConnectionsEditor';
import { TemplatesCard } from './TemplatesCard';
import { useCan } from '../session/context';

/** Every integration (a set of base workflows released together), and a form to create one. */
export function IntegrationsPage() {
  const client = useClient();
  const can = useCan();
  const list = useLoad(useCallback(() => client.call('integrations.list', {}), [client]));
  const action = useAction();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [required, setRequired] = useState<RequiredConnection[]>([]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() => client.call('integrations.create', { name: name.trim(), description, requiredConnections: required }))
      .then((created) => created && navigate(hrefs.integration(created.id)));
  };

  return (
    <div className="manager-page">
      <AppNav current="integrations" />
      <main className="list-page" data-testid="integrations-page">
        <header className="list-header"><h1>Integrations</h1></header>
        {can('integrations.createFromTemplate') ? <TemplatesCard /> : null}
        <BundlesCard onImported={() => void list.reload()} />
        {can('integrations.create') ? <form className="card create-card" onSubmit={create} aria-label="New integration">
          <div className="form-grid">
            <label htmlFor="integration-name">Name</label>
            <input id="integration-name" data-testid="integration-name" placeholder="NetSuite Order Sync" value={name} maxLength={200}
              onChange={(e) => setName(e.target.value)} />
            <label htmlFor="integration-description">Description</label>
            <input id="integration-description" data-testid="integration-description" placeholder="What it syncs, for whom" value={description}
              maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
            <span className="form-grid-label">Required connections</span>
            <RequiredConnectionsEditor value={required} onChange={setRequired} />
          </div>
          {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
          <div className="card-actions">
            <button type="submit" className="primary" data-testid="create-integration" disabled={action.busy || name.trim() === ''}>
              Create integration
            </button>
          </div>
        </form> : null}
        {list.error ? <div className="banner banner-error" role="alert">{list.error}</div> : null}
        {list.data === null ? (
          <p className="empty-note">Loading…</p>
        ) : list.data.length === 0 ? (
          <p className="empty-note" data-testid="no-integrations">No integrations yet. Create one above, then add its base workflows.</p>
        ) : (
          <table className="workflow-table" data-testid="integration-table">
            <thead>
              <tr><th>Name</th><th className="num">Workflows</th><th>Latest release</th><th>Connections</th><th>Updated</th></tr>
            </thead>
            <tbody>
              {list.data.map((i) => (
                <tr key={i.id} data-testid={`integration-row-${i.id}`}>
                  <td>
                    <a className="row-link" href={hrefs.integration(i.id)}>{i.name}</a>
                    {i.description ? <div className="row-sub">{i.description}</div> : null}
                  </td>
                  <td className="num">{i.workflows.length}</td>
                  <td>{i.latestRelease === null ? <span className="muted">not released</span> : <span className="badge">v{i.latestRelease}</span>}</td>
                  <td>{i.requiredConnections.map((c) => c.label).join(', ') || <span className="muted">none</span>}</td>
                  <td>{formatWhen(i.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
