import type { Kysely } from 'kysely';
import type { PublishPayload, PublishResult } from '../api/methods/servers';
import { importContent } from '../bundle/import';
import { openBundleBytes } from '../bundle/open';
import type { ConnectionStore } from '../connections/store';
import { errorCodes, PatchbayError } from '../errors/patchbay-error';
import { inTransaction, type Repos } from '../installations/repos';
import { openSealed } from '../secrets/server-seal';
import type { ServerKeyPair } from '../secrets/server-key';
import { currentActor } from '../storage/acting-as';
import { PublicationsStore } from '../storage/publications-store';
import type { Tables } from '../storage/tables';
import { connectionContext } from './context';
import { mirrorCustomisations } from './mirror';

export interface ReceiveDeps {
  readonly database: Kysely<Tables>;
  readonly repos: Repos;
  readonly connections: ConnectionStore;
  /** The server's stored secrets, so the bundle's documents compare as they were exported. */
  readonly secrets: readonly string[];
}

/**
 * Applies a desktop's publication on the server: everything in one transaction, or nothing.
 * Every sealed secret is opened before anything is written, so a payload sealed for another key
 * (the server was reset) or altered on the way is refused with the server unchanged. Installations
 * arrive installed but not active: nothing runs here until someone activates them on the server.
 * Ids are the desktop's, so publishing again updates what the last publish left.
 */
export async function receivePublication(deps: ReceiveDeps, key: ServerKeyPair, payload: PublishPayload, at: string): Promise<PublishResult> {
  if (payload.sealedFor !== key.fingerprint) throw new PatchbayError('publish_sealed_unreadable', errorCodes.publish_sealed_unreadable, { sealedFor: payload.sealedFor, serverKey: key.fingerprint });
  const connections = payload.connections.map((c) => {
    const values: Record<string, string | number> = { ...c.config };
    for (const [field, sealed] of Object.entries(c.sealed)) values[field] = openSealed(key.privateKey, sealed, connectionContext(c.id, field));
    return { ...c, values };
  });
  const { content } = openBundleBytes(new Uint8Array(Buffer.from(payload.bundle, 'base64')));
  const integration = content.integrations.find((i) => i.id === payload.integrationId);
  if (!integration) throw new PatchbayError('bad_request', 'The published bundle does not hold the integration it names; publish again from the desktop.');
  const bundled = new Map(content.installations.map((i) => [i.id, i]));
  const placed = payload.installations.map((p) => {
    const i = bundled.get(p.id);
    if (!i || i.releaseId === null) throw new PatchbayError('bad_request', `Installation "${p.id}" is not in the published bundle with a release; publish again from the desktop.`);
    return { ...p, releaseId: i.releaseId, customerName: i.customerName };
  });

  // Who published is the API key that signed the request, not what the desktop says of itself
  // (user@host, kept beside it as the desktop's own account).
  const publishedBy = currentActor() ?? payload.publishedBy;
  // Everything runs inside this transaction: the bundle import (its repositories on `tx`) and the
  // connection store (on `tx` too).
  await inTransaction(deps.database, deps.repos, async (repos, tx) => {
    const mirror = await mirrorCustomisations(repos, content, placed.map((p) => p.id));
    await importContent(tx, repos, mirror.content, false, deps.secrets);
    await mirror.rebase();
    const store = deps.connections.in(tx);
    for (const c of connections) {
      await store.save({ id: c.id, name: c.name, kind: c.kind, installationId: c.installationId, values: c.values });
      await store.setHideResponseBodies(c.id, c.hideResponseBodies);
    }
    for (const p of placed) {
      // A server-side activation (or pause) survives publishing again; a new one stays configuring.
      await repos.installations.update(p.id, { releaseId: p.releaseId, config: p.config, status: 'installed' });
      await repos.installations.clearConnections(p.id);
      for (const [slot, connectionId] of Object.entries(p.connections)) await repos.installations.setConnection(p.id, slot, connectionId);
      await repos.activity.record(p.id, 'published', { publishedBy, desktop: payload.publishedBy });
    }
    await new PublicationsStore(tx).recordReceived(placed.map((p) => p.id), publishedBy, at);
  });
  return {
    integration: { id: integration.id, name: integration.name },
    releases: content.releases.length,
    installations: placed.map((p) => ({ id: p.id, customerName: p.customerName })),
    connections: connections.length,
    publishedAt: at,
  };
}
