import { useCallback, useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { useClient } from '../client/context';
import { AppNav } from '../integrations/AppNav';
import { useLoad } from '../installations/useLoad';
import { ServerForm } from './ServerForm';
import { ServerRow } from './ServerRow';
import './settings.css';

type Server = MethodResult<'servers.list'>[number];

/** Settings › Servers: the Patchbay servers this desktop publishes integrations to. */
export function ServersPage() {
  const client = useClient();
  const servers = useLoad(useCallback(() => client.call('servers.list', {}), [client]));
  const integrations = useLoad(useCallback(() => client.call('integrations.list', {}), [client]));
  const [editing, setEditing] = useState<Server | 'new' | null>(null);
  const done = () => {
    setEditing(null);
    void servers.reload();
  };
  return (
    <div className="manager-page">
      <AppNav current="settings" />
      <main className="list-page settings-page" data-testid="servers-page">
        <div className="list-header">
          <h1>Settings › Servers</h1>
          <span className="muted">Patchbay servers (patchbay server --auth api-keys) that run your customers’ installations in production.</span>
          <span className="spacer" />
          <button type="button" className="primary" data-testid="add-server" disabled={editing !== null} onClick={() => setEditing('new')}>Add server</button>
        </div>
        {servers.error ?? integrations.error ? <div className="banner banner-error" role="alert">{servers.error ?? integrations.error}</div> : null}
        {editing !== null ? <ServerForm key={editing === 'new' ? 'new' : editing.id} existing={editing === 'new' ? null : editing} onSaved={done} onCancel={() => setEditing(null)} /> : null}
        {servers.data?.length === 0 ? <p className="empty-note">No servers yet. Add one with its URL and an API key made on the server.</p> : null}
        <ul className="server-list" data-testid="server-list">
          {(servers.data ?? []).map((s) => (
            <ServerRow key={s.id} server={s} integrations={integrations.data ?? []} onEdit={() => setEditing(s)} onChanged={done} />
          ))}
        </ul>
      </main>
    </div>
  );
}
