import { useCallback, useState } from 'react';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import { useClient } from '../../client/context';
import { SharedMappingRules } from '../../mapper/shared/SharedMappingRules';
import { useSharedMappings } from '../../mapper/shared/useSharedMappings';
import { useAction, useLoad } from '../useLoad';
import { MappingDiffPanel } from './MappingDiffPanel';
import { MappingRebasePanel } from './MappingRebasePanel';
import { InstallationMappingRow } from './MappingRow';

type Panel = { readonly kind: 'rules' | 'diff' | 'rebase'; readonly mappingId: string };

/**
 * The integration's shared mappings as this installation runs them: the released mapping, or the
 * customer's own version that every workflow naming it uses; its diff vs base and its rebase.
 */
export function MappingsSection(props: { installation: InstallationRecord; refresh: number; managedBy?: string | null; onChanged(): void }) {
  const client = useClient();
  const inst = props.installation;
  const views = useLoad(useCallback(() => client.call('installationMappings.list', { installationId: inst.id }), [client, inst.id, props.refresh]));
  const shared = useSharedMappings(client, { kind: 'installation', installationId: inst.id });
  const action = useAction();
  const [panel, setPanel] = useState<Panel | null>(null);
  const reloadAll = () => {
    void views.reload();
    void shared.reload();
    props.onChanged();
  };
  const list = views.data ?? [];
  if (list.length === 0 && !views.error) return null;
  const current = panel ? list.find((v) => v.mappingId === panel.mappingId) : undefined;
  const entry = panel ? shared.data?.entries.find((e) => e.mappingId === panel.mappingId) : undefined;
  // Customising is part of configuring an installation: any installed release allows it.
  const installed = inst.status !== 'uninstalled' && inst.releaseId !== null;

  return (
    <section className="card" aria-labelledby="mappings-title" data-testid="mappings-section">
      <h2 id="mappings-title">Mappings</h2>
      <p className="form-note">A mapping is shared by every workflow that names it: customise it once for {inst.customerName}, and the backfill and the listener both use it.</p>
      {views.error ? <div className="banner banner-error" role="alert">{views.error}</div> : null}
      <table className="workflow-table compact">
        <thead><tr><th>Mapping</th><th>Kind</th><th>Version</th><th /></tr></thead>
        <tbody>
          {list.map((view) => (
            <InstallationMappingRow key={view.mappingId} view={view} installed={installed} busy={action.busy} managedBy={props.managedBy ?? null} actions={{
              customise: () =>
                void action.run(() => client.call('installationMappings.create', { installationId: inst.id, mappingId: view.mappingId })).then((m) => {
                  if (!m) return;
                  setPanel({ kind: 'rules', mappingId: view.mappingId });
                  reloadAll();
                }),
              edit: () => setPanel({ kind: 'rules', mappingId: view.mappingId }),
              diff: () => setPanel({ kind: 'diff', mappingId: view.mappingId }),
              rebase: () => setPanel({ kind: 'rebase', mappingId: view.mappingId }),
              revert: () =>
                void action.run(() => client.call('installationMappings.revert', { id: view.custom?.id ?? '' })).then(() => {
                  setPanel(null);
                  reloadAll();
                }),
            }} />
          ))}
        </tbody>
      </table>
      {action.error ? <div className="banner banner-error" role="alert" data-testid="mapping-action-error">{action.error}</div> : null}
      {panel && current ? (
        <div className="workflow-panel">
          <button type="button" className="icon-button panel-close" title="Close" onClick={() => setPanel(null)}>×</button>
          {panel.kind === 'rules' && entry ? (
            <SharedMappingRules key={`${entry.kind}:${entry.editId ?? entry.mappingId}:${entry.rev}`} entry={entry} installationId={inst.id}
              customerName={inst.customerName} onChanged={reloadAll} />
          ) : panel.kind === 'diff' ? (
            <MappingDiffPanel view={current} />
          ) : panel.kind === 'rebase' && current.custom ? (
            <MappingRebasePanel key={current.custom.id} customId={current.custom.id} rev={current.custom.rev} ancestorVersion={current.custom.ancestorVersion}
              onDone={(m) => {
                if (!m) setPanel(null);
                reloadAll();
              }} />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
