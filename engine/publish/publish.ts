import type { Kysely } from 'kysely';
import type { PublishResult } from '../api/methods/servers';
import type { ConnectionStore } from '../connections/store';
import { errorCodes, isPatchbayError, PatchbayError } from '../errors/patchbay-error';
import { lifecycleOf } from '../installations/lifecycle';
import type { Repos } from '../installations/repos';
import { MAX_REQUEST_BYTES } from '../shared/request-size';
import type { Tables } from '../storage/tables';
import { collectPublication, publishedInstallations } from './collect';
import type { ServerClient } from './server-client';

export interface PublishDeps {
  readonly repos: Repos;
  readonly connections: ConnectionStore;
  readonly database: Kysely<Tables>;
  readonly secrets: readonly string[];
}

async function liveRunsGoing(database: Kysely<Tables>, installationIds: readonly string[]): Promise<boolean> {
  if (installationIds.length === 0) return false;
  const row = await database.selectFrom('runs').select('id').where('installation_id', 'in', installationIds)
    .where('mode', '=', 'live').where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Publishes an integration to a server. The server's sign-in answers first (a server without API
 * keys says how to start it with them), then its public key is fetched afresh (a server that was
 * reset is sealed for with its new key). An installation runs in one place: the active ones are
 * paused here before their state is read (no poll moves a watermark after it was sent), and
 * activated again if the server refuses. The server applies all of it or nothing.
 */
export async function publishIntegration(deps: PublishDeps, client: ServerClient, integrationId: string, publishedBy: string): Promise<PublishResult> {
  await deps.repos.integrations.get(integrationId); // not_found before any call to the server
  await client.whoAmI();
  const serverKey = await client.call('publish.serverKey', {});
  const installations = await publishedInstallations(deps.repos, integrationId);
  const paused = installations.filter((i) => lifecycleOf(i) === 'active');
  for (const i of paused) await deps.repos.installations.update(i.id, { enabled: false });
  try {
    if (await liveRunsGoing(deps.database, installations.map((i) => i.id))) throw new PatchbayError('publish_runs_in_progress', errorCodes.publish_runs_in_progress);
    const payload = await collectPublication(deps, { integrationId, serverKey, publishedBy, secrets: deps.secrets });
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    const tooLarge = (limit: string): PatchbayError => new PatchbayError('payload_too_large', `This publication is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the server accepts in one request (${limit}). Nothing was changed on the server or here. Its bundle (releases, drafts, user-specific versions) takes the room: make the integration smaller (large sample data pinned in workflows, long Custom Code, drafts nobody needs) or split it into two integrations, then publish again.`, { bytes });
    // Refused here, not sent: a server that stops reading mid-upload may reset the connection before
    // its 413 arrives, which the desktop would report as an unreachable server.
    if (bytes > MAX_REQUEST_BYTES) throw tooLarge(`Request bodies are limited to ${MAX_REQUEST_BYTES / 1024 / 1024} MB.`);
    const result = await client.call('publish.receive', payload).catch((e: unknown) => {
      // A server (or a proxy in front of it) with a smaller limit still says so.
      if (!isPatchbayError(e) || e.code !== 'payload_too_large') throw e;
      throw tooLarge(e.message.replace(/^The server refused: /, ''));
    });
    for (const i of paused) await deps.repos.activity.record(i.id, 'paused', { why: `published to ${client.url}, where it runs from now on` });
    return { ...result, pausedOnDesktop: paused.map((i) => ({ id: i.id, customerName: i.customerName })) };
  } catch (e) {
    for (const i of paused) await deps.repos.installations.update(i.id, { enabled: true });
    throw e;
  }
}
