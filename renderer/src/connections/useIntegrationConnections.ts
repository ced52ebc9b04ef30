import type { RequiredConnection } from '../../../engine/api/methods/integrations';
import { useIntegrationOf } from '../integrations/useIntegrationOf';
import { useMaybeWorkflowStoreApi } from '../store/context';
import { sourceOf } from '../store/source';

/** The reference a base workflow uses for a required connection: each installation binds its own. */
export const installationConnectionRef = (key: string): string => `{{ installation.connections.${key} }}`;

/** The required connections of the integration the open workflow belongs to ([] outside one). */
export function useIntegrationConnections(): readonly RequiredConnection[] {
  const store = useMaybeWorkflowStoreApi();
  const integration = useIntegrationOf(store ? sourceOf(store).baseWorkflowId : '');
  return integration?.requiredConnections ?? [];
}
