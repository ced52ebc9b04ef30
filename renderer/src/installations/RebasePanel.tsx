import { useCallback, useState } from 'react';
import type { UserVersion } from '../../../engine/api/methods/installations';
import type { Resolutions } from '../../../engine/model/merge-schema';
import { useClient } from '../client/context';
import { RegressionView } from './golden/RegressionView';
import { ConflictResolver } from './rebase/ConflictResolver';
import { useAction, useLoad } from './useLoad';

/** Previews the rebase of a user-specific version onto the latest release, then applies it with the user's choices. */
export function RebasePanel(props: { userVersionId: string; userVersionRev: number; ancestorVersion: number; onDone(userVersion: UserVersion | null): void }) {
  const client = useClient();
  const preview = useLoad(useCallback(() => client.call('userVersions.rebasePreview', { id: props.userVersionId }), [client, props.userVersionId]));
  const action = useAction();
  const [done, setDone] = useState<UserVersion | null>(null);
  const accept = (resolutions: Resolutions) => {
    const p = preview.data;
    if (!p) return;
    void action
      .run(() => client.call('userVersions.rebaseApply', { id: props.userVersionId, targetVersionId: p.targetVersionId, baseRev: props.userVersionRev, resolutions }))
      .then((userVersion) => {
        if (!userVersion) return;
        setDone(userVersion);
        props.onDone(userVersion);
      });
  };
  if (done) {
    return <div className="banner banner-info" role="status" data-testid="rebase-done">Rebased onto v{done.ancestorVersion}.</div>;
  }
  return (
    <div className="rebase-panel" data-testid="rebase-panel">
      {preview.error ? <div className="banner banner-error" role="alert" data-testid="rebase-preview-error">{preview.error}</div> : null}
      {preview.data && preview.data.issues.length > 0 ? (
        <div className="banner banner-warn" role="status" data-testid="rebase-issues">
          After this rebase the workflow would need attention before it runs:
          <ul>{preview.data.issues.map((i, n) => {
            const name = i.blockId ? (preview.data?.merged.blocks.find((b) => b.id === i.blockId)?.name || i.blockId) : null;
            return <li key={n}>{name ? <b>{name}:</b> : null} {i.message}</li>;
          })}</ul>
        </div>
      ) : null}
      {preview.data?.regression ? <RegressionView report={preview.data.regression} /> : null}
      {preview.data ? (
        <ConflictResolver preview={preview.data} fromVersion={props.ancestorVersion} busy={action.busy} error={action.error} onAccept={accept}
          onCancel={() => props.onDone(null)} />
      ) : preview.error ? null : <p className="empty-note">Merging…</p>}
    </div>
  );
}
