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
import { applyState } from './state';
import { lifecycleOf } from '../installations/lifecycle';
import type { UpgradeService } from '../installations/upgrade';

export interface ReceiveDeps {
  readonly database: Kysely<Tables>;
  readonly repos: Repos;
  readonly connections: ConnectionStore;
  /** The server's stored secrets, so the bundle's documents compare as they were exported. */
  readonly secrets: readonly string[];
  /** The server's own upgrade path, over the publication's transaction (its on-upgrade runs are started after the commit). */
  upgrader(tx: Kysely<Tables>, repos: Repos): UpgradeService;
  /** Starts on-upgrade workflows once the publication is committed. */
  readonly upgrades: UpgradeService;
}

/**
 * Applies a desktop's publication on the server: everything in one transaction, or nothing.
 * Every sealed secret is opened before anything is written, so a payload sealed for another key
 * (the server was reset) or altered on the way is refused with the server unchanged. Installations
 * arrive installed but not active: nothing runs here until someone activates them on the server.
 * Ids are the desktop's, so publishing again updates what the last publish left. The desktop is
 * the source of truth for what it published (guard.ts refuses edits of it here), so its
 * customisations are mirrored as they are; an installation it moved to a newer release moves here
 * through the server's own upgrade path, whose on-upgrade workflows run only if it is active here.
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

  // The activity log names the API key that signed the request; the desktop's own account of
  // itself (user@host) stays beside it, and names the desktop that manages what it published.
  const publishedBy = currentActor() ?? payload.publishedBy;
  const before = new Map((await deps.repos.installations.list(payload.integrationId)).map((row) => [row.id, row]));
  const upgraded: { id: string; from: number; to: number }[] = [];

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
      const here = before.get(p.id);
      if (here?.status === 'installed' && here.releaseId !== null && here.releaseId !== p.releaseId) {
        await deps.upgrader(tx, repos).apply(p.id, p.releaseId, {}, false, { runOnUpgrade: false });
        upgraded.push({ id: p.id, from: (await repos.integrations.getRelease(here.releaseId)).version, to: (await repos.integrations.getRelease(p.releaseId)).version });
      }
      await repos.installations.update(p.id, { releaseId: p.releaseId, config: p.config, status: 'installed' });
      await applyState(tx, p.id, p.state);
      await repos.installations.clearConnections(p.id);
      for (const [slot, connectionId] of Object.entries(p.connections)) await repos.installations.setConnection(p.id, slot, connectionId);
      await repos.activity.record(p.id, 'published', { publishedBy, desktop: payload.publishedBy });
    }
    await new PublicationsStore(tx).recordReceived(payload.integrationId, placed.map((p) => p.id), payload.publishedBy, at);
  });
  const after = new Map((await deps.repos.installations.list(payload.integrationId)).map((row) => [row.id, row]));
  for (const u of upgraded) {
    const row = after.get(u.id);
    if (!row || lifecycleOf(row) !== 'active') continue;
    try {
      await deps.upgrades.runOnUpgrade(u.id, u.from, u.to, false);
    } catch (e) {
      // Published and upgraded all the same; what did not start is on the installation's activity.
      await deps.repos.activity.record(u.id, 'upgrade_run_not_started', { message: e instanceof Error ? e.message : String(e) });
    }
  }
  return {
    integration: { id: integration.id, name: integration.name },
    releases: content.releases.length,
    installations: placed.map((p) => {
      const row = after.get(p.id);
      return { id: p.id, customerName: p.customerName, ...(row ? { lifecycle: lifecycleOf(row) } : {}) };
    }),
    connections: connections.length,
    publishedAt: at,
  };
}
