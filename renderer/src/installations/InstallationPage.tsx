import { useCallback, useEffect, useState } from 'react';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import { useClient } from '../client/context';
import { useCan } from '../session/context';
import { AppNav } from '../integrations/AppNav';
import { ActivitySection } from './ActivitySection';
import { ConfigSection } from './ConfigSection';
import { ConnectionsSection } from './ConnectionsSection';
import { InstallSection } from './InstallSection';
import { LifecycleControls } from './lifecycle/LifecycleControls';
import { MappingsSection } from './mappings/MappingsSection';
import { GoldenSection } from './golden/GoldenSection';
import { hrefs } from './routes';
import { installationStatusLabel } from './status-label';
import { useAction, useLoad } from './useLoad';
import { WorkflowsSection } from './WorkflowsSection';
import { PublicationBanner } from './PublicationBanner';
import { ProgressBar } from '../runs/ProgressBar';
import { useRunProgress } from '../runs/useRunProgress';

function Header(props: { inst: InstallationRecord; onChanged(r: InstallationRecord): void; onAttention(key: string | null): void }) {
  const client = useClient();
  const can = useCan();
  const action = useAction();
  const [confirm, setConfirm] = useState(false);
  const { inst } = props;
  const act = (fn: () => Promise<InstallationRecord>) => void action.run(fn).then((r) => r && props.onChanged(r));
  return (
    <header className="inst-header">
      <div>
        <h1 data-testid="installation-title">{inst.customerName}</h1>
        <div className="row-sub">
          <a href={hrefs.integration(inst.integrationId)}>{inst.integrationName}</a>
          {inst.externalId ? <> · <span className="mono">{inst.externalId}</span></> : null}
          {inst.version !== null ? <> · v{inst.version}</> : null}
        </div>
      </div>
      <span className={`status-pill inst-${inst.status}`} data-testid="installation-status">{installationStatusLabel(inst.status)}</span>
      {inst.customised ? <span className="badge badge-custom">customised</span> : null}
      <LifecycleControls installation={inst} onChanged={props.onChanged} onAttention={props.onAttention} />
      <span className="spacer" />
      {/* Only an installed installation can be uninstalled; a draft has nothing to undo yet. */}
      {inst.status === 'installed' && can('installations.uninstall') ? (
        confirm ? (
          <span className="confirm-inline">
            <span className="confirm-text">Uninstall? Run history is kept; its connection secrets are deleted.</span>
            <button type="button" className="danger" data-testid="uninstall-confirm" onClick={() => { setConfirm(false); act(() => client.call('installations.uninstall', { id: inst.id })); }}>
              Uninstall
            </button>
            <button type="button" onClick={() => setConfirm(false)}>Keep</button>
          </span>
        ) : (
          <button type="button" className="danger" data-testid="uninstall" onClick={() => setConfirm(true)}>Uninstall</button>
        )
      ) : null}
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
    </header>
  );
}

/** One customer's installation: connections, install, config, workflows and activity. */
export function InstallationPage({ id }: { id: string }) {
  const client = useClient();
  const can = useCan();
  const loaded = useLoad(useCallback(() => client.call('installations.get', { id }), [client, id]));
  const [override, setOverride] = useState<InstallationRecord | null>(null);
  const [attention, setAttention] = useState<string | null>(null);
  // Bumped on every change and on run events, so the runs panel and the activity log re-read.
  const [refresh, setRefresh] = useState(0);
  const { reload } = loaded;
  const changed = useCallback(() => {
    setRefresh((n) => n + 1);
    setOverride(null);
    void reload();
  }, [reload]);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.type === 'run.started' || event.type === 'run.finished') changed();
      }),
    [client, changed],
  );

  const inst = override ?? loaded.data;
  const publications = useLoad(useCallback(() => client.call('publications.list', {}), [client]));
  // On a server: the desktop that published this installation manages its customisations.
  const managedBy = publications.data?.received.find((p) => p.installationId === id)?.publishedBy ?? null;
  const progress = useRunProgress(client);
  const running = inst ? [...progress.values()].filter((p) => p.run && inst.workflows.some((w) => w.workflowId === p.run?.workflowId)) : [];
  const update = (r: InstallationRecord) => {
    setOverride(r);
    setRefresh((n) => n + 1);
    void reload().then(() => setOverride(null));
  };
  return (
    <div className="manager-page">
      <AppNav current="installations" />
      <main className="list-page wide" data-testid="installation-page">
        <a className="back-link" href={hrefs.installations}>← Installations</a>
        {loaded.error ? <div className="banner banner-error" role="alert">{loaded.error}</div> : null}
        {inst === null ? (
          <p className="empty-note">Loading…</p>
        ) : (
          <>
            <Header inst={inst} onChanged={update} onAttention={setAttention} />
            <PublicationBanner installationId={inst.id} publications={publications.data} onChanged={() => { void publications.reload(); changed(); }} />
            {running.map((p) => (
              <div key={p.progress.runId} className="inst-run-progress" data-testid="installation-run-progress">
                <ProgressBar progress={p.progress} label={`${p.run?.workflowName ?? 'Run'}${p.run?.mode === 'test' ? ' (test sync)' : ''}`} />
                {can('runs.cancel') ? <button type="button" className="small" onClick={() => void client.call('runs.cancel', { id: p.progress.runId }).catch(() => undefined)}>Cancel</button> : null}
              </div>
            ))}
            <div className="inst-grid">
              <ConnectionsSection installation={inst} attentionKey={attention} managedBy={managedBy} onChanged={update} />
              <InstallSection installation={inst} managedBy={managedBy} onInstalled={update} onRefused={setAttention} />
            </div>
            <WorkflowsSection installation={inst} refresh={refresh} managedBy={managedBy} onChanged={changed} />
            <MappingsSection installation={inst} refresh={refresh} managedBy={managedBy} onChanged={changed} />
            <GoldenSection installation={inst} refresh={refresh} />
            <div className="inst-grid">
              <ConfigSection installation={inst} managedBy={managedBy} onSaved={update} />
              <ActivitySection installationId={inst.id} version={refresh} workflowNames={new Map(inst.workflows.map((w) => [w.workflowId, w.name]))} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
