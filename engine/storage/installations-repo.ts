import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import { nowIso } from './db';
import type { Tables } from './tables';

export interface InstallationRow {
  readonly id: string;
  readonly integrationId: string;
  readonly customerName: string;
  readonly externalId: string | null;
  readonly releaseId: string | null;
  readonly status: 'draft' | 'installed' | 'uninstalled';
  readonly enabled: boolean;
  readonly config: Record<string, unknown>;
  /** When the installation was first activated; null while it is still being configured. */
  readonly activatedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface Row { id: string; integration_id: string; customer_name: string; external_id: string | null; release_id: string | null; status: string; enabled: number; config: string; activated_at: string | null; created_at: string; updated_at: string }

function fromRow(r: Row): InstallationRow {
  return {
    id: r.id, integrationId: r.integration_id, customerName: r.customer_name, externalId: r.external_id, releaseId: r.release_id,
    status: r.status as InstallationRow['status'], enabled: r.enabled === 1, config: JSON.parse(r.config) as Record<string, unknown>,
    activatedAt: r.activated_at ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** One customer's install of an integration and the connections bound to it. */
export class InstallationsRepo {
  constructor(private readonly k: Kysely<Tables>) {}

  async create(integrationId: string, customerName: string, externalId: string | null, config: Record<string, unknown>, id: string = randomUUID()): Promise<InstallationRow> {
    const now = nowIso();
    await this.k.insertInto('installations')
      .values({ id, integration_id: integrationId, customer_name: customerName, external_id: externalId, status: 'draft', config: JSON.stringify(config), created_at: now, updated_at: now })
      .execute();
    return this.get(id);
  }

  async get(id: string): Promise<InstallationRow> {
    const row = await this.k.selectFrom('installations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That installation no longer exists; open the list of installations again.', { id });
    return fromRow(row);
  }

  async list(integrationId?: string): Promise<InstallationRow[]> {
    let query = this.k.selectFrom('installations').selectAll();
    if (integrationId) query = query.where('integration_id', '=', integrationId);
    const rows = await query.orderBy('customer_name').execute();
    return rows.map(fromRow);
  }

  async update(id: string, patch: Partial<Pick<InstallationRow, 'releaseId' | 'status' | 'enabled' | 'config' | 'activatedAt'>>): Promise<InstallationRow> {
    const current = await this.get(id);
    const next = { ...current, ...patch };
    await this.k.updateTable('installations')
      .set({ release_id: next.releaseId, status: next.status, enabled: next.enabled ? 1 : 0, config: JSON.stringify(next.config), activated_at: next.activatedAt, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /**
   * Moves the installation to a release only if nobody changed its status or release since
   * `expected` was read (compare-and-set): of two installs at once, only the first wins.
   */
  async installIfUnchanged(expected: InstallationRow, releaseId: string, enabled: boolean): Promise<InstallationRow | null> {
    let query = this.k.updateTable('installations')
      .set({ release_id: releaseId, status: 'installed', enabled: enabled ? 1 : 0, updated_at: nowIso() })
      .where('id', '=', expected.id)
      .where('status', '=', expected.status);
    query = expected.releaseId === null ? query.where('release_id', 'is', null) : query.where('release_id', '=', expected.releaseId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 0 ? null : this.get(expected.id);
  }

  /** Pins another release only if the installation is still on `expectedReleaseId` (compare-and-set: of two upgrades at once, only the first wins). */
  async pinIfUnchanged(id: string, expectedReleaseId: string | null, releaseId: string): Promise<InstallationRow | null> {
    let query = this.k.updateTable('installations').set({ release_id: releaseId, updated_at: nowIso() }).where('id', '=', id);
    query = expectedReleaseId === null ? query.where('release_id', 'is', null) : query.where('release_id', '=', expectedReleaseId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 0 ? null : this.get(id);
  }

  async connections(id: string): Promise<Map<string, string>> {
    const rows = await this.k.selectFrom('installation_connections').select(['key', 'connection_id']).where('installation_id', '=', id).execute();
    return new Map(rows.map((r) => [r.key, r.connection_id]));
  }

  async setConnection(id: string, key: string, connectionId: string): Promise<void> {
    await this.k.insertInto('installation_connections').values({ installation_id: id, key, connection_id: connectionId })
      .onConflict((oc) => oc.columns(['installation_id', 'key']).doUpdateSet({ connection_id: (eb) => eb.ref('excluded.connection_id') }))
      .execute();
    await this.k.updateTable('installations').set({ updated_at: nowIso() }).where('id', '=', id).execute();
  }

  async clearConnections(id: string): Promise<string[]> {
    const ids = [...(await this.connections(id)).values()];
    await this.k.deleteFrom('installation_connections').where('installation_id', '=', id).execute();
    return ids;
  }
}
