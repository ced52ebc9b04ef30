import { hostname, userInfo } from 'node:os';
import type { PublishResult, ServerSummary } from '../api/methods/servers';
import { PatchbayError } from '../errors/patchbay-error';
import { publishIntegration } from '../publish/publish';
import { ServerClient } from '../publish/server-client';
import { Servers } from '../publish/servers';
import { PublicationsStore } from '../storage/publications-store';
import type { EngineContext } from './context';

/** How a server names the desktop a publication came from. */
export function desktopName(): string {
  let user = 'someone';
  try {
    user = userInfo().username;
  } catch {
    // No user database entry (a container): the host name alone still tells desktops apart.
  }
  return `${user}@${hostname()}`;
}

/**
 * Which server to publish to: one in Settings › Servers (its sealed key), or an address and key
 * given to `patchbay publish` (from a file or the environment, never an argument).
 */
export type PublishTarget = { readonly serverId: string } | { readonly url: string; readonly apiKey: string };

export interface PublishedToServer {
  readonly result: PublishResult;
  /** The Settings › Servers entry the publication is remembered by. */
  readonly server: ServerSummary;
  /** True when this publication added the server to Settings › Servers (the CLI, to an address not there yet). */
  readonly added: boolean;
}

/** The Settings › Servers entry a publication is remembered by; added for an address that has none. */
async function serverEntry(servers: Servers, target: PublishTarget, url: string): Promise<{ server: ServerSummary; added: boolean }> {
  const listed = await servers.list();
  if ('serverId' in target) {
    const server = listed.find((s) => s.id === target.serverId);
    if (!server) throw new PatchbayError('not_found', 'That server is no longer in Settings › Servers; add it again.', { id: target.serverId });
    return { server, added: false };
  }
  // A known server keeps the key saved for it: the one given here served this publication only.
  const known = listed.find((s) => s.url === url);
  if (known) return { server: known, added: false };
  return { server: await servers.save({ name: new URL(url).host, url, apiKey: target.apiKey }), added: true };
}

/**
 * The one way a desktop publishes, from the app and from the CLI alike: publish, then remember
 * where each installation went, so the desktop refuses to activate or run it live until Take back
 * (an installation runs in one place). Without that record the CLI left the installations looking
 * local, and the same customer would sync from the desktop and the server. A publication needs a
 * Settings › Servers entry to be remembered by: an address that has none gets one once the server
 * has accepted the key and the publication, its key sealed as the app seals it.
 */
export async function publishToServer(ctx: EngineContext, target: PublishTarget, integrationId: string): Promise<PublishedToServer> {
  const servers = new Servers(ctx.database, ctx.box);
  const client = 'serverId' in target ? await servers.client(target.serverId) : new ServerClient(target.url, target.apiKey);
  const result = await publishIntegration({ repos: ctx.repos, connections: ctx.connections, database: ctx.database, secrets: ctx.secrets.secretValues() }, client, integrationId, desktopName());
  const { server, added } = await serverEntry(servers, target, client.url);
  await new PublicationsStore(ctx.database).recordSent(server.id, result.installations.map((i) => i.id), result.publishedAt);
  return { result, server, added };
}
