import { useCallback, useState } from 'react';
import type { Connection } from '../../../engine/api/methods/connections';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import { useClient } from '../client/context';
import { kindLabel } from '../integrations/RequiredConnectionsEditor';
import { useAction, useLoad } from './useLoad';

type Binding = InstallationRecord['connections'][number];

/**
 * One required connection and what it is bound to. Connecting picks a saved connection of the
 * right kind; creating one (masked secrets, Test button) is the connections page's job.
 */
function ConnectionRow(props: { installationId: string; binding: Binding; choices: readonly Connection[]; highlighted: boolean; managedBy: string | null; onChanged(r: InstallationRecord): void }) {
  const client = useClient();
  const action = useAction();
  const b = props.binding;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(b.connectionId ?? '');
  const usable = props.choices.filter((c) => c.kind === b.kind && (c.installationId === null || c.installationId === props.installationId));
  const bound = props.choices.find((c) => c.id === b.connectionId);
  const save = () =>
    void action.run(() => client.call('installations.setConnection', { id: props.installationId, key: b.key, connectionId: value })).then((r) => {
      if (!r) return;
      setEditing(false);
      props.onChanged(r);
    });
  return (
    <tr data-testid={`connection-${b.key}`} className={props.highlighted ? 'row-attention' : undefined}>
      <td><b>{b.label}</b></td>
      <td>{kindLabel(b.kind)}</td>
      <td>
        {editing ? (
          usable.length === 0 ? (
            <span className="muted">No {kindLabel(b.kind)} connection is saved yet: add one under Connections, then come back.</span>
          ) : (
            <span className="inline-form">
              <select aria-label={`Connection for ${b.label}`} data-testid={`connection-choice-${b.key}`} value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="" disabled>Choose a connection…</option>
                {usable.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
              <button type="button" className="small primary" data-testid={`connection-save-${b.key}`} disabled={action.busy || value === ''} onClick={save}>Save</button>
            </span>
          )
        ) : b.connectionId ? (
          <span>{bound ? <b>{bound.name}</b> : <span className="not-connected">A deleted connection: choose another</span>}</span>
        ) : (
          <span className="not-connected">Not connected</span>
        )}
        {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      </td>
      <td className="row-actions">
        {editing ? (
          <button type="button" className="small" onClick={() => setEditing(false)}>Cancel</button>
        ) : (
          <button type="button" className="small" data-testid={`connect-${b.key}`} disabled={props.managedBy !== null}
            title={props.managedBy ? `Managed on ${props.managedBy}, which published this installation: change it there and publish again` : undefined} onClick={() => setEditing(true)}>
            {b.connectionId ? 'Change' : 'Connect'}
          </button>
        )}
      </td>
    </tr>
  );
}

/** `managedBy`: on a server, the desktop that published this installation and chooses its connections. */
export function ConnectionsSection(props: { installation: InstallationRecord; attentionKey: string | null; managedBy?: string | null; onChanged(r: InstallationRecord): void }) {
  const client = useClient();
  const inst = props.installation;
  const needs = inst.connections.length > 0;
  const saved = useLoad(useCallback(async () => (needs ? client.call('connections.list', {}) : []), [client, needs]));
  return (
    <section className="card" aria-labelledby="connections-title" data-testid="connections-section">
      <h2 id="connections-title">Connections</h2>
      {!needs ? (
        <p className="empty-note">This integration needs no credentials.</p>
      ) : (
        <table className="workflow-table compact">
          <thead><tr><th>Connection</th><th>Kind</th><th>Bound to</th><th /></tr></thead>
          <tbody>
            {inst.connections.map((b) => (
              <ConnectionRow key={b.key} installationId={inst.id} binding={b} choices={saved.data ?? []} highlighted={props.attentionKey === b.key}
                managedBy={props.managedBy ?? null} onChanged={props.onChanged} />
            ))}
          </tbody>
        </table>
      )}
      {saved.error ? <div className="field-error" role="alert">{saved.error}</div> : null}
    </section>
  );
}
