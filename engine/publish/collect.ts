import type { PublishPayload } from '../api/methods/servers';
import { exportBundle } from '../bundle/export';
import { demoConnectionIds } from '../connections/demo-sandbox';
import type { ConnectionStore } from '../connections/store';
import { connectorFor } from '../connectors/registry';
import type { Repos } from '../installations/repos';
import { sealForServer } from '../secrets/server-seal';
import { connectionContext } from './context';
import { collectState } from './state';
import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables';
import type { InstallationRow } from '../storage/installations-repo';

export interface CollectRequest {
  readonly integrationId: string;
  /** The server's public key (base64 SPKI) and its fingerprint, fetched just before. */
  readonly serverKey: { readonly publicKey: string; readonly fingerprint: string };
  readonly publishedBy: string;
  /** Every stored secret, so the bundle carries none (as an exported bundle never does). */
  readonly secrets: readonly string[];
}

/** What publishing sends: installed installations (those never installed, or uninstalled, stay here). */
export async function publishedInstallations(repos: Repos, integrationId: string): Promise<InstallationRow[]> {
  return (await repos.installations.list(integrationId)).filter((i) => i.status === 'installed' && i.releaseId !== null);
}

/**
 * What publishing an integration sends: the bundle of its releases (with drafts and shared
 * mappings) and of its customers' user-specific versions and mappings; each installation's
 * placement (settings and which connection fills which slot); and those connections, their
 * secret fields sealed for the server; and each installation's workflow state.
 */
export async function collectPublication(deps: { readonly repos: Repos; readonly connections: ConnectionStore; readonly database: Kysely<Tables> }, req: CollectRequest): Promise<PublishPayload> {
  const { repos, connections } = deps;
  const installations = await publishedInstallations(repos, req.integrationId);
  const bundle = await exportBundle(repos, { workflowIds: [], integrationIds: [req.integrationId], userVersionIds: [], installationIds: installations.map((i) => i.id), secrets: req.secrets });
  const placed = await Promise.all(installations.map(async (i) => ({
    id: i.id, config: i.config, connections: Object.fromEntries(await repos.installations.connections(i.id)), state: await collectState(deps.database, i.id),
  })));
  // The Demo sandbox's credentials are made afresh at each start and point at this machine's
  // simulators: a server keeps its own under the same ids, so the bindings still hold there.
  const demo = new Set<string>(Object.values(demoConnectionIds));
  const connectionIds = [...new Set(placed.flatMap((i) => Object.values(i.connections)))].filter((id) => !demo.has(id)).sort();
  return {
    publishedBy: req.publishedBy,
    sealedFor: req.serverKey.fingerprint,
    integrationId: req.integrationId,
    bundle: Buffer.from(bundle.bytes).toString('base64'),
    installations: placed,
    connections: await Promise.all(connectionIds.map(async (id) => {
      const resolved = await connections.resolve(id);
      const secretFields = new Set(connectorFor(resolved.kind).fields.filter((f) => f.secret).map((f) => f.key));
      const config: Record<string, string | number> = {};
      const sealed: Record<string, string> = {};
      for (const [field, value] of Object.entries(resolved.values)) {
        if (secretFields.has(field)) sealed[field] = sealForServer(req.serverKey.publicKey, String(value), connectionContext(id, field));
        else config[field] = value;
      }
      return { id, name: resolved.name, kind: resolved.kind, installationId: resolved.installationId, hideResponseBodies: (await connections.get(id)).hideResponseBodies, config, sealed };
    })),
  };
}
