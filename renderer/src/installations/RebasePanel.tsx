import { useCallback } from 'react';
import type { MethodResult } from '../../../engine/api';
import type { UserVersion } from '../../../engine/api/methods/installations';
import { useClient } from '../client/context';
import { RebaseFlow } from './rebase/RebaseFlow';
import { strandedNote } from '../../../engine/shared/stranded-note';

/** Previews the rebase of a user-specific version onto the latest release, then applies it with the user's choices. */
export function RebasePanel(props: { userVersionId: string; userVersionRev: number; ancestorVersion: number; onDone(userVersion: UserVersion | null): void }) {
  const client = useClient();
  const { userVersionId, userVersionRev } = props;
  const load = useCallback(() => client.call('userVersions.rebasePreview', { id: userVersionId }), [client, userVersionId]);
  return (
    <RebaseFlow what="the workflow" testId="rebase" fromVersion={props.ancestorVersion} onDone={props.onDone}
      load={load}
      apply={(p, resolutions) => client.call('userVersions.rebaseApply', { id: userVersionId, targetVersionId: p.targetVersionId, baseRev: userVersionRev, resolutions })}
      doneText={(v: MethodResult<'userVersions.rebaseApply'>) => `Rebased onto v${v.ancestorVersion}.${v.unconnected ? ` ${strandedNote(v.unconnected, v.ancestorVersion)}` : ''}`}
      issueName={(p, blockId) => p.merged.blocks.find((b) => b.id === blockId)?.name || blockId} />
  );
}
