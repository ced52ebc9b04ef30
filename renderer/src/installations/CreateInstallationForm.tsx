import { useCallback, useState, type FormEvent } from 'react';
import { useClient } from '../client/context';
import { hrefs, navigate } from './routes';
import { useAction, useLoad } from './useLoad';

/** Creates an installation of an integration for one customer, then opens it. */
export function CreateInstallationForm() {
  const client = useClient();
  const integrations = useLoad(useCallback(() => client.call('integrations.list', {}), [client]));
  const action = useAction();
  const [integrationId, setIntegrationId] = useState('');
  const [customer, setCustomer] = useState('');
  const [externalId, setExternalId] = useState('');
  const list = integrations.data ?? [];
  const chosen = integrationId || list[0]?.id || '';

  const create = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() =>
        client.call('installations.create', { integrationId: chosen, customerName: customer.trim(), externalId: externalId.trim() || undefined }),
      )
      .then((inst) => inst && navigate(hrefs.installation(inst.id)));
  };

  if (integrations.data !== null && list.length === 0) {
    return (
      <p className="empty-note card">
        Create an <a href={hrefs.integrations}>integration</a> first: an installation is one customer&apos;s install of an integration.
      </p>
    );
  }
  return (
    <form className="card create-card" onSubmit={create} aria-label="New installation">
      <div className="form-grid">
        <label htmlFor="new-inst-integration">Integration</label>
        <select id="new-inst-integration" data-testid="new-installation-integration" value={chosen} onChange={(e) => setIntegrationId(e.target.value)}>
          {list.map((i) => (
            <option key={i.id} value={i.id}>{i.name}{i.latestRelease === null ? ' (not released)' : ` (v${i.latestRelease})`}</option>
          ))}
        </select>
        <label htmlFor="new-inst-customer">Customer name</label>
        <input id="new-inst-customer" data-testid="new-installation-customer" placeholder="Acme Hardware" value={customer} maxLength={200}
          onChange={(e) => setCustomer(e.target.value)} />
        <label htmlFor="new-inst-external">External id</label>
        <input id="new-inst-external" data-testid="new-installation-external-id" placeholder="optional, e.g. your CRM account id" value={externalId}
          maxLength={200} onChange={(e) => setExternalId(e.target.value)} />
      </div>
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      <div className="card-actions">
        <button type="submit" className="primary" data-testid="create-installation" disabled={action.busy || !chosen || customer.trim() === ''}>
          Create installation
        </button>
      </div>
    </form>
  );
}
