import { useState } from 'react';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import { useClient } from '../client/context';
import { kindLabel } from '../integrations/RequiredConnectionsEditor';
import { useAction } from './useLoad';

type Binding = InstallationRecord['connections'][number];

/**
 * The connections an installation needs. Connecting binds a saved connection by id; the
 * connection form itself (masked secrets, Test button) lives with the connections UI.
 */
function ConnectionRow(props: { installationId: string; binding: Binding; highlighted: boolean; onChanged(r: InstallationRecord): void }) {
  const client = useClient();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(props.binding.connectionId ?? '');
  const b = props.binding;
  const save = () =>
    void action.run(() => client.call('installations.setConnection', { id: props.installationId, key: b.key, connectionId: value.trim() })).then((r) => {
      if (!r) return;
      setEditing(false);
      props.onChanged(r);
    });
  return (
    <tr data-testid={`connection-${b.key}`} className={props.highlighted ? 'row-attention' : undefined}>
      <td><b>{b.label}</b><div className="row-sub mono">{b.key}</div></td>
      <td>{kindLabel(b.kind)}</td>
      <td>
        {editing ? (
          <span className="inline-form">
            <input aria-label={`Connection id for ${b.label}`} className="mono" data-testid={`connection-id-${b.key}`} value={value}
              placeholder="connection id" onChange={(e) => setValue(e.target.value)} />
            <button type="button" className="small primary" disabled={action.busy || value.trim() === ''} onClick={save}>Save</button>
            <button type="button" className="small" onClick={() => setEditing(false)}>Cancel</button>
          </span>
        ) : b.connectionId ? (
          <code>{b.connectionId}</code>
        ) : (
          <span className="not-connected">Not connected</span>
        )}
        {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      </td>
      <td className="row-actions">
        {editing ? null : (
          <button type="button" className="small" data-testid={`connect-${b.key}`} onClick={() => setEditing(true)}>
            {b.connectionId ? 'Change' : 'Connect'}
          </button>
        )}
      </td>
    </tr>
  );
}

export function ConnectionsSection(props: { installation: InstallationRecord; attentionKey: string | null; onChanged(r: InstallationRecord): void }) {
  const inst = props.installation;
  return (
    <section className="card" aria-labelledby="connections-title" data-testid="connections-section">
      <h2 id="connections-title">Connections</h2>
      {inst.connections.length === 0 ? (
        <p className="empty-note">This integration needs no credentials.</p>
      ) : (
        <table className="workflow-table compact">
          <thead><tr><th>Connection</th><th>Kind</th><th>Bound to</th><th /></tr></thead>
          <tbody>
            {inst.connections.map((b) => (
              <ConnectionRow key={b.key} installationId={inst.id} binding={b} highlighted={props.attentionKey === b.key} onChanged={props.onChanged} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
