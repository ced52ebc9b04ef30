import { useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { useClient } from '../client/context';
import { useAction } from '../installations/useLoad';

type Server = MethodResult<'servers.list'>[number];

/**
 * Adds a server, or edits one: the API key is write-only (never shown again); leaving it empty
 * while editing keeps the stored one.
 */
export function ServerForm({ existing, onSaved, onCancel }: { existing: Server | null; onSaved: () => void; onCancel: () => void }) {
  const client = useClient();
  const action = useAction();
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [apiKey, setApiKey] = useState('');
  const save = async () => {
    const saved = await action.run(() => client.call('servers.save', { ...(existing ? { id: existing.id } : {}), name, url, ...(apiKey ? { apiKey } : {}) }));
    if (saved) onSaved();
  };
  return (
    <form className="server-form" data-testid="server-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label>Name <input data-testid="server-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Production" required /></label>
      <label>URL <input data-testid="server-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://patchbay.example.com" required /></label>
      <label>
        API key
        <input data-testid="server-api-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)}
          placeholder={existing ? 'Leave empty to keep the saved key' : 'pb_… (patchbay apikeys create on the server)'} required={!existing} />
      </label>
      <span className="muted">The key is encrypted on this computer and never shown again.</span>
      {action.error ? <div className="banner banner-error" role="alert">{action.error}</div> : null}
      <div className="row-actions">
        <button type="submit" className="primary" data-testid="save-server" disabled={action.busy}>Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
