import { useCallback, useState } from 'react';
import type { InstallationMapping } from '../../../../engine/api/methods/mappings';
import type { Resolutions } from '../../../../engine/model/merge-schema';
import { useClient } from '../../client/context';
import { ConflictResolver } from '../rebase/ConflictResolver';
import { useAction, useLoad } from '../useLoad';

/** Previews the rebase of a customer's mapping onto the latest release, rule by rule, then applies it. */
export function MappingRebasePanel(props: { customId: string; rev: number; ancestorVersion: number; onDone(mapping: InstallationMapping | null): void }) {
  const client = useClient();
  const preview = useLoad(useCallback(() => client.call('installationMappings.rebasePreview', { id: props.customId }), [client, props.customId]));
  const action = useAction();
  const [done, setDone] = useState<InstallationMapping | null>(null);
  const accept = (resolutions: Resolutions) => {
    const p = preview.data;
    if (!p) return;
    void action
      .run(() => client.call('installationMappings.rebaseApply', { id: props.customId, targetId: p.targetId, baseRev: props.rev, resolutions }))
      .then((m) => {
        if (!m) return;
        setDone(m);
        props.onDone(m);
      });
  };
  if (done) return <div className="banner banner-info" role="status" data-testid="mapping-rebase-done">Mapping rebased onto v{done.ancestorVersion}.</div>;
  return (
    <div className="rebase-panel" data-testid="mapping-rebase-panel">
      {preview.error ? <div className="banner banner-error" role="alert">{preview.error}</div> : null}
      {preview.data && preview.data.issues.length > 0 ? (
        <div className="banner banner-warn" role="status" data-testid="mapping-rebase-issues">
          After this rebase the mapping would need attention before it runs:
          <ul>{preview.data.issues.map((i, n) => <li key={n}>{i.message}</li>)}</ul>
        </div>
      ) : null}
      {preview.data ? (
        <ConflictResolver preview={preview.data} fromVersion={props.ancestorVersion} busy={action.busy} error={action.error} onAccept={accept}
          onCancel={() => props.onDone(null)} />
      ) : preview.error ? null : <p className="empty-note">Merging…</p>}
    </div>
  );
}
