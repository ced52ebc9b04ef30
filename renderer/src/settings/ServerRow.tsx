import { useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { useClient } from '../client/context';
import { useAction } from '../installations/useLoad';
import { publishedSummary } from '../../../engine/shared/publish-summary';

type Server = MethodResult<'servers.list'>[number];
type Integration = MethodResult<'integrations.list'>[number];
type Published = MethodResult<'servers.publish'>;

/** One server: Test (URL and key), Publish an integration to it, Edit, Delete. */
export function ServerRow({ server, integrations, onEdit, onChanged }: { server: Server; integrations: readonly Integration[]; onEdit: () => void; onChanged: () => void }) {
  const client = useClient();
  const action = useAction();
  const [test, setTest] = useState<MethodResult<'servers.test'> | null>(null);
  const [integrationId, setIntegrationId] = useState('');
  const [published, setPublished] = useState<Published | null>(null);
  // Installations active on this desktop: publishing pauses them here, so the user confirms first.
  const [toPause, setToPause] = useState<string[] | null>(null);
  const chosen = integrationId || integrations[0]?.id || '';
  const runTest = async () => {
    setTest(null);
    const result = await action.run(() => client.call('servers.test', { id: server.id }));
    if (result) setTest(result);
  };
  const publish = async () => {
    setPublished(null);
    setToPause(null);
    const result = await action.run(() => client.call('servers.publish', { serverId: server.id, integrationId: chosen }));
    if (result) setPublished(result);
  };
  const askThenPublish = async () => {
    setPublished(null);
    const listed = await action.run(() => client.call('installations.list', { integrationId: chosen }));
    if (!listed) return;
    const active = listed.filter((i) => i.lifecycle === 'active').map((i) => i.customerName);
    if (active.length > 0) setToPause(active);
    else await publish();
  };
  const remove = async () => {
    if (await action.run(() => client.call('servers.delete', { id: server.id }))) onChanged();
  };
  return (
    <li className="server-row" data-testid={`server-row-${server.id}`}>
      <div className="server-head">
        <b>{server.name}</b> <span className="mono muted">{server.url}</span>
        <span className="spacer" />
        <button type="button" className="small" data-testid="test-server" disabled={action.busy} onClick={() => void runTest()}>Test</button>
        <button type="button" className="small" onClick={onEdit}>Edit</button>
        <button type="button" className="small danger" disabled={action.busy} onClick={() => void remove()}>Delete</button>
      </div>
      {test ? (
        <div className={`banner ${test.ok ? 'banner-info' : 'banner-error'}`} role="status" data-testid="server-test-result">{test.message}</div>
      ) : null}
      <div className="server-publish">
        <label>
          Publish
          <select aria-label="Integration to publish" data-testid="publish-integration" value={chosen} onChange={(e) => setIntegrationId(e.target.value)}>
            {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </label>
        <button type="button" className="primary small" data-testid="publish-server" disabled={action.busy || !chosen} onClick={() => void askThenPublish()}>
          {action.busy ? 'Working…' : 'Publish'}
        </button>
        <span className="muted">Releases, installations, user-specific versions, mappings and connections (secrets sealed for this server).</span>
      </div>
      {toPause ? (
        <div className="banner banner-info" role="alert" data-testid="publish-confirm">
          Active on this desktop: {toPause.join(', ')}. Publishing pauses {toPause.length === 1 ? 'it' : 'them'} here, so each runs in one place: activated on {server.name},
          {toPause.length === 1 ? ' it continues' : ' they continue'} where this desktop stopped (watermarks and finished backfills go with {toPause.length === 1 ? 'it' : 'them'}).
          <span className="confirm-inline">
            <button type="button" className="primary small" data-testid="publish-confirm-button" disabled={action.busy} onClick={() => void publish()}>Pause here and publish</button>
            <button type="button" className="small" onClick={() => setToPause(null)}>Cancel</button>
          </span>
        </div>
      ) : null}
      {published ? (
        <div className="banner banner-info" role="status" data-testid="publish-result">{publishedSummary(published, server.name)}</div>
      ) : null}
      {action.error ? <div className="banner banner-error" role="alert" data-testid="server-error">{action.error}</div> : null}
    </li>
  );
}
