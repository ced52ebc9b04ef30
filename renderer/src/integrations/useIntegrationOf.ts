import { useEffect, useState } from 'react';
import type { Integration } from '../../../engine/api/methods/integrations';
import { useClient } from '../client/context';

/**
 * The integration a base workflow belongs to: its required connections and its installations.
 * `undefined` while loading, null for a workflow of no integration (or when the list fails).
 */
export function useIntegrationOf(workflowId: string): Integration | null | undefined {
  const client = useClient();
  const [found, setFound] = useState<Integration | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    client.call('integrations.list', {}).then(
      (all) => live && setFound(all.find((i) => i.workflows.some((w) => w.id === workflowId)) ?? null),
      () => live && setFound(null),
    );
    return () => {
      live = false;
    };
  }, [client, workflowId]);
  return found;
}
