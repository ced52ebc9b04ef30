import { AppNav } from '../integrations/AppNav';
import { hrefs } from '../installations/routes';
import { useState } from 'react';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { connectionSummary, useConnections, useKindSpecs, type Connection } from './api';
import { ConnectionForm } from './ConnectionForm';
import './connections.css';
import { useCan } from '../session/context';

/** Customer names, for "used by" and the refusal to delete. */
const customers = (c: Connection) => c.usedBy.map((u) => u.customerName).join(', ');

/**
 * #/connections: every saved connection, with the installations that use it, create, edit
 * (secrets masked), test and delete. A connection in use cannot be deleted (the engine refuses,
 * connection_in_use); the page says so before anyone tries.
 */
export function ConnectionsPage() {
  const client = useClient();
  const can = useCan();
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
      (e: unknown) => {
        // Refused (e.g. an installation started using it meanwhile): say why and show who uses it now.
        setConfirm(null);
        setActionError(errorMessage(e));
        reload();
      },
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
        {can('connections.save') ? <button type="button" className="primary" data-testid="new-connection" disabled={editing !== null} onClick={() => setEditing('new')}>New connection</button> : null}
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
            <tr><th>Name</th><th>Kind</th><th>Account / URL</th><th>Used by</th><th>Id</th><th /></tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid={`connection-row-${c.id}`}>
                <td><b>{c.name}</b>{c.installationId ? <span className="muted"> · installation</span> : null}</td>
                <td>{specs.find((k) => k.kind === c.kind)?.label ?? c.kind}</td>
                <td className="mono">{connectionSummary(c)}</td>
                <td data-testid={`connection-used-by-${c.id}`}>
                  {c.usedBy.length === 0 ? <span className="muted">—</span> : c.usedBy.map((u, i) => (
                    <span key={u.installationId}>{i > 0 ? ', ' : null}<a href={hrefs.installation(u.installationId)}>{u.customerName}</a></span>
                  ))}
                </td>
                <td><code className="muted">{c.id}</code></td>
                <td className="row-actions">
                  {confirm === c.id && c.usedBy.length > 0 ? (
                    <>
                      <span className="confirm-text" role="alert" data-testid={`connection-in-use-${c.id}`}>
                        Used by {customers(c)}; choose another connection for {c.usedBy.length === 1 ? 'that installation' : 'those installations'} first.
                      </span>
                      <button type="button" className="small" onClick={() => setConfirm(null)}>OK</button>
                    </>
                  ) : confirm === c.id ? (
                    <>
                      <span className="confirm-text">Delete? No installation uses it.</span>
                      <button type="button" className="danger small" data-testid={`confirm-delete-${c.id}`} onClick={() => remove(c)}>Delete</button>
                      <button type="button" className="small" onClick={() => setConfirm(null)}>Keep</button>
                    </>
                  ) : (
                    <>
                      {can('connections.save') ? <button type="button" className="small" data-testid={`edit-connection-${c.id}`} onClick={() => setEditing(c)}>Edit</button> : null}
                      {can('connections.delete') ? <button type="button" className="small danger" data-testid={`delete-connection-${c.id}`} onClick={() => setConfirm(c.id)}>Delete</button> : null}
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
