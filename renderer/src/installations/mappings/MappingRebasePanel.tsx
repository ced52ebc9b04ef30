import { useCallback } from 'react';
import type { InstallationMapping } from '../../../../engine/api/methods/mappings';
import { useClient } from '../../client/context';
import { RebaseFlow } from '../rebase/RebaseFlow';

/** Previews the rebase of a customer's mapping onto the latest release, rule by rule, then applies it. */
export function MappingRebasePanel(props: { customId: string; rev: number; ancestorVersion: number; onDone(mapping: InstallationMapping | null): void }) {
  const client = useClient();
  const { customId, rev } = props;
  const load = useCallback(() => client.call('installationMappings.rebasePreview', { id: customId }), [client, customId]);
  return (
    <RebaseFlow what="the mapping" testId="mapping-rebase" fromVersion={props.ancestorVersion} onDone={props.onDone}
      load={load}
      apply={(p, resolutions) => client.call('installationMappings.rebaseApply', { id: customId, targetId: p.targetId, baseRev: rev, resolutions })}
      doneText={(m) => `Mapping rebased onto v${m.ancestorVersion}.`} />
  );
}
