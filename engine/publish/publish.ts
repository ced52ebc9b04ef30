import type { PublishResult } from '../api/methods/servers';
import type { ConnectionStore } from '../connections/store';
import type { Repos } from '../installations/repos';
import { collectPublication } from './collect';
import type { ServerClient } from './server-client';

/**
 * Publishes an integration to a server: fetches the server's public key afresh (so a server that
 * was reset is sealed for with its new key), seals, sends. The server applies all of it or nothing.
 */
export async function publishIntegration(
  deps: { readonly repos: Repos; readonly connections: ConnectionStore; readonly secrets: readonly string[] },
  client: ServerClient,
  integrationId: string,
  publishedBy: string,
): Promise<PublishResult> {
  await deps.repos.integrations.get(integrationId); // not_found before any call to the server
  const serverKey = await client.call('publish.serverKey', {});
  const payload = await collectPublication(deps.repos, deps.connections, { integrationId, serverKey, publishedBy, secrets: deps.secrets });
  return client.call('publish.receive', payload);
}
