import { useCallback, useState } from 'react';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import { toEngineCallError } from '../client';
import { useClient } from '../client/context';
import { UpgradeSection } from './lifecycle/UpgradeSection';
import { useLoad } from './useLoad';
import { useCan } from '../session/context';

function keyOf(details: unknown): string | null {
  if (typeof details === 'object' && details !== null && 'key' in details && typeof details.key === 'string') return details.key;
  return null;
}

/**
 * Pick a release and install it: the engine checks every connection, pins the release and fires
 * the "on install" triggers. A refusal names the connection; `onRefused` marks its row.
 */
export function InstallSection(props: { installation: InstallationRecord; managedBy?: string | null; onInstalled(r: InstallationRecord): void; onRefused(key: string | null): void }) {
  const client = useClient();
  const can = useCan();
  const inst = props.installation;
  const releases = useLoad(useCallback(() => client.call('integrations.releases', { id: inst.integrationId }), [client, inst.integrationId]));
  const [releaseId, setReleaseId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [started, setStarted] = useState<number | null>(null);
  const sorted = [...(releases.data ?? [])].sort((a, b) => b.version - a.version);
  const installed = inst.status === 'installed';

  const install = async () => {
    setBusy(true);
    setError(null);
    setStarted(null);
    try {
      const res = await client.call('installations.install', { id: inst.id, releaseId: releaseId || undefined });
      props.onRefused(null);
      setStarted(res.runs.length);
      props.onInstalled(res.installation);
    } catch (e) {
      const err = toEngineCallError(e);
      setError({ code: err.code, message: err.message });
      props.onRefused(keyOf(err.details));
    } finally {
      setBusy(false);
    }
  };

  if (inst.status === 'uninstalled') return null;
  const done = started !== null ? (
    <div className="banner banner-info" role="status" data-testid="install-done">
      Installed. {started === 0 ? 'No workflow starts on install.' : `${started} workflow${started === 1 ? '' : 's'} started by the install event: see Workflows below.`}
      {' '}Nothing runs on a schedule until you activate the installation.
    </div>
  ) : null;
  // Once installed, moving to another release is an upgrade (never a second install event).
  if (installed) {
    return (
      <div>
        {props.managedBy ? null : <UpgradeSection installation={inst} onUpgraded={props.onInstalled} />}
        {done}
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="install-title" data-testid="install-section">
      <h2 id="install-title">Install</h2>
      {sorted.length === 0 ? (
        <p className="empty-note">The integration has no release yet. Release it on its integration page first.</p>
      ) : !can('installations.install') ? (
        <p className="empty-note" data-testid="install-not-allowed">Not installed yet. Installing needs the admin role.</p>
      ) : (
        <div className="inline-form">
          <select aria-label="Release to install" data-testid="install-release" value={releaseId} onChange={(e) => setReleaseId(e.target.value)}>
            <option value="">Latest (v{sorted[0]?.version})</option>
            {sorted.map((r) => <option key={r.id} value={r.id}>v{r.version}{r.notes ? ` — ${r.notes.slice(0, 40)}` : ''}</option>)}
          </select>
          <button type="button" className="primary" data-testid="install" disabled={busy} onClick={() => void install()}>
            {busy ? 'Installing…' : 'Install'}
          </button>
        </div>
      )}
      {error ? (
        <div className="banner banner-error" role="alert" data-testid="install-error">
          <span><b>Not installed.</b> {error.message}</span>
        </div>
      ) : null}
      {done}
    </section>
  );
}
