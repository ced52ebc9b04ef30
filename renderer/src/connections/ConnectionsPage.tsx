import { AppNav } from '../integrations/AppNav';
import { useState } from 'react';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { connectionSummary, useConnections, useKindSpecs, type Connection } from './api';
import { ConnectionForm } from './ConnectionForm';
import './connections.css';

/** #/connections: every saved connection, with create, edit (secrets masked), test and delete. */
export function ConnectionsPage() {
  const client = useClient();
  const { list, loading, error, reload } = useConnections();
  const { specs, error: specError } = useKindSpecs();
  const [editing, setEditing] = useState<Connection | 'new' | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const remove = (c: Connection) => {
    setActionError(null);
    client.call('connections.delete', { id: c.id }).then(
      () => {
        setConfirm(null);
        reload();
      },
      (e: unknown) => setActionError(errorMessage(e)),
    );
  };
  return (
    <div className="manager-page">
    <AppNav current="connections" />
    <main className="list-page connections-page" data-testid="connections-page">
      <div className="list-header">
        <h1>Connections</h1>
        <span className="muted">Credentials for NetSuite accounts and APIs. Secrets are encrypted and never shown again.</span>
        <span className="spacer" />
        <button type="button" className="primary" data-testid="new-connection" disabled={editing !== null} onClick={() => setEditing('new')}>New connection</button>
      </div>
      {error || specError || actionError ? <div className="banner banner-error" role="alert">{error ?? specError ?? actionError}</div> : null}
      {editing !== null ? (
        <ConnectionForm key={editing === 'new' ? 'new' : editing.id} existing={editing === 'new' ? null : editing} specs={specs}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }} />
      ) : null}
      {!loading && list.length === 0 ? <p className="empty-note">No connections yet.</p> : null}
      {list.length > 0 ? (
        <table className="workflow-table" data-testid="connection-list">
          <thead>
            <tr><th>Name</th><th>Kind</th><th>Account / URL</th><th>Id</th><th /></tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid={`connection-row-${c.id}`}>
                <td><b>{c.name}</b>{c.installationId ? <span className="muted"> · installation</span> : null}</td>
                <td>{specs.find((k) => k.kind === c.kind)?.label ?? c.kind}</td>
                <td className="mono">{connectionSummary(c)}</td>
                <td><code className="muted">{c.id}</code></td>
                <td className="row-actions">
                  {confirm === c.id ? (
                    <>
                      <span className="confirm-text">Delete?</span>
                      <button type="button" className="danger small" onClick={() => remove(c)}>Delete</button>
                      <button type="button" className="small" onClick={() => setConfirm(null)}>Keep</button>
                    </>
                  ) : (
                    <>
                      <button type="button" className="small" data-testid={`edit-connection-${c.id}`} onClick={() => setEditing(c)}>Edit</button>
                      <button type="button" className="small danger" onClick={() => setConfirm(c.id)}>Delete</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
    </div>
  );
}
