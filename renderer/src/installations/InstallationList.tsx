import { useCallback, useEffect, useState } from 'react';
import { useClient } from '../client/context';
import { AppNav } from '../integrations/AppNav';
import { CreateInstallationForm } from './CreateInstallationForm';
import { formatWhen } from './format';
import { hrefs } from './routes';
import { PublicationNote } from './PublicationNote';
import { installationStatusLabel } from './status-label';
import './lifecycle/lifecycle.css';
import { useLoad } from './useLoad';
import { useCan } from '../session/context';

/** The Installation Manager: every customer's installation, searchable, with its health at a glance. */
export function InstallationList() {
  const client = useClient();
  const can = useCan();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  // Searching waits for a pause in typing rather than asking the engine per keystroke.
  useEffect(() => {
    const t = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);
  const list = useLoad(useCallback(() => client.call('installations.list', search ? { search } : {}), [client, search]));
  const publications = useLoad(useCallback(() => client.call('publications.list', {}), [client]));
  const [creating, setCreating] = useState(false);

  return (
    <div className="manager-page">
      <AppNav current="installations" />
      <main className="list-page wide" data-testid="installation-list">
        <header className="list-header">
          <h1>Installations</h1>
          <span className="spacer" />
          {can('installations.create') ? (
            <button type="button" className="primary" data-testid="new-installation" onClick={() => setCreating(!creating)}>
              {creating ? 'Close' : 'New installation'}
            </button>
          ) : null}
        </header>
        {creating && can('installations.create') ? <CreateInstallationForm /> : null}
        <input className="search" type="search" aria-label="Search installations" data-testid="installation-search"
          placeholder="Search by customer, external id or integration" value={text} onChange={(e) => setText(e.target.value)} />
        {list.error ? <div className="banner banner-error" role="alert">{list.error}</div> : null}
        {list.data === null ? (
          <p className="empty-note">Loading…</p>
        ) : list.data.length === 0 ? (
          <p className="empty-note" data-testid="no-installations">{search ? `No installation matches “${search}”.` : 'No installations yet.'}</p>
        ) : (
          <table className="workflow-table" data-testid="installation-table">
            <thead>
              <tr><th>Customer</th><th>Integration</th><th>Status</th><th>Version</th><th>Last run</th><th>Updated</th></tr>
            </thead>
            <tbody>
              {list.data.map((i) => (
                <tr key={i.id} data-testid={`installation-row-${i.id}`}>
                  <td>
                    <a className="row-link" href={hrefs.installation(i.id)}>{i.customerName}</a>
                    {i.externalId ? <div className="row-sub mono">{i.externalId}</div> : null}
                  </td>
                  <td>{i.integrationName}</td>
                  <td>
                    <span className={`status-pill inst-${i.status}`}>{installationStatusLabel(i.status)}</span>
                    {i.status === 'installed' ? (
                      <span className={`status-pill lifecycle-pill lifecycle-${i.lifecycle}`} data-testid="installation-row-lifecycle">{i.lifecycle}</span>
                    ) : null}
                    <PublicationNote installationId={i.id} lifecycle={i.lifecycle} publications={publications.data} />
                  </td>
                  <td>
                    {i.version === null ? <span className="muted">—</span> : <span className="badge">v{i.version}</span>}
                    {i.customised ? <span className="badge badge-custom" data-testid="customised-badge">customised</span> : null}
                    {i.version !== null && i.latestVersion !== null && i.latestVersion > i.version ? (
                      <span className="badge badge-update">v{i.latestVersion} available</span>
                    ) : null}
                  </td>
                  <td>
                    {i.lastRun ? (
                      <><span className={`status-pill status-${i.lastRun.status}`}>{i.lastRun.status}</span> <span className="muted">{formatWhen(i.lastRun.startedAt)}</span></>
                    ) : <span className="muted">never</span>}
                  </td>
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
