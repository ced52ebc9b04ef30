import type { Kysely } from 'kysely';
import type { Tables } from './tables';

export interface SentPublication { readonly installationId: string; readonly serverId: string; readonly serverName: string; readonly serverUrl: string; readonly publishedAt: string }
export interface ReceivedPublication { readonly installationId: string; readonly publishedBy: string; readonly publishedAt: string }

// On a server, an integration a desktop published (with or without installations) is marked in
// received_publications too, keyed `integration:<id>`: ids are UUIDs, so the key meets no
// installation's. (A column of its own would need a migration; the key keeps it to this file.)
const integrationKey = (integrationId: string): string => `integration:${integrationId}`;

/**
 * Where installations were published: on a desktop, to which server and when; on a server, from
 * which desktop and when. Async over either dialect; built over a transaction, it writes inside it.
 */
export class PublicationsStore {
  constructor(private readonly k: Kysely<Tables>) {}

  async recordSent(serverId: string, installationIds: readonly string[], at: string): Promise<void> {
    if (installationIds.length === 0) return;
    await this.k.insertInto('sent_publications')
      .values(installationIds.map((installationId) => ({ installation_id: installationId, server_id: serverId, published_at: at })))
      .onConflict((oc) => oc.columns(['installation_id', 'server_id']).doUpdateSet({ published_at: at }))
      .execute();
  }

  /** On a server: the integration and these of its installations came from the desktop `publishedBy`. */
  async recordReceived(integrationId: string, installationIds: readonly string[], publishedBy: string, at: string): Promise<void> {
    await this.k.insertInto('received_publications')
      .values([integrationKey(integrationId), ...installationIds].map((installationId) => ({ installation_id: installationId, published_by: publishedBy, published_at: at })))
      .onConflict((oc) => oc.column('installation_id').doUpdateSet({ published_by: publishedBy, published_at: at }))
      .execute();
  }

  /** On a desktop: the servers this installation was published to (and not taken back), newest first. */
  async sentFor(installationId: string): Promise<SentPublication[]> {
    return (await this.sent()).filter((p) => p.installationId === installationId);
  }

  /** Take back: this desktop forgets it published the installation, so it may run here again. The server is not told. */
  async forgetSent(installationId: string): Promise<boolean> {
    const result = await this.k.deleteFrom('sent_publications').where('installation_id', '=', installationId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** On a server: where this installation was published from, if a desktop published it. */
  async receivedFor(installationId: string): Promise<ReceivedPublication | undefined> {
    const r = await this.k.selectFrom('received_publications').selectAll().where('installation_id', '=', installationId).executeTakeFirst();
    return r ? { installationId: r.installation_id, publishedBy: r.published_by, publishedAt: r.published_at } : undefined;
  }

  /** On a server: the integration's latest publication (older servers marked only its installations). */
  async receivedForIntegration(integrationId: string): Promise<Omit<ReceivedPublication, 'installationId'> | undefined> {
    const marked = await this.k.selectFrom('received_publications').select(['published_by', 'published_at'])
      .where('installation_id', '=', integrationKey(integrationId)).executeTakeFirst();
    const r = marked ?? await this.k.selectFrom('received_publications as p').innerJoin('installations as i', 'i.id', 'p.installation_id')
      .select(['p.published_by', 'p.published_at']).where('i.integration_id', '=', integrationId)
      .orderBy('p.published_at', 'desc').limit(1).executeTakeFirst();
    return r ? { publishedBy: r.published_by, publishedAt: r.published_at } : undefined;
  }

  async sent(): Promise<SentPublication[]> {
    const rows = await this.k.selectFrom('sent_publications as p').innerJoin('servers as s', 's.id', 'p.server_id')
      .select(['p.installation_id', 'p.server_id', 's.name', 's.url', 'p.published_at']).orderBy('p.published_at', 'desc').execute();
    return rows.map((r) => ({ installationId: r.installation_id, serverId: r.server_id, serverName: r.name, serverUrl: r.url, publishedAt: r.published_at }));
  }

  /** On a server: the installations desktops published here. */
  async received(): Promise<ReceivedPublication[]> {
    const rows = await this.k.selectFrom('received_publications').selectAll().where('installation_id', 'not like', 'integration:%').execute();
    return rows.map((r) => ({ installationId: r.installation_id, publishedBy: r.published_by, publishedAt: r.published_at }));
  }
}
