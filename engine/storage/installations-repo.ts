import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import { nowIso, type Db } from './db';

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
  constructor(private readonly db: Db) {}

  create(integrationId: string, customerName: string, externalId: string | null, config: Record<string, unknown>, id: string = randomUUID()): InstallationRow {
    const now = nowIso();
    this.db.prepare(`INSERT INTO installations (id, integration_id, customer_name, external_id, status, config, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`)
      .run(id, integrationId, customerName, externalId, JSON.stringify(config), now, now);
    return this.get(id);
  }

  get(id: string): InstallationRow {
    const row = this.db.prepare(`SELECT * FROM installations WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new PatchbayError('not_found', 'That installation no longer exists; open the list of installations again.', { id });
    return fromRow(row);
  }

  list(integrationId?: string): InstallationRow[] {
    const rows = (integrationId
      ? this.db.prepare(`SELECT * FROM installations WHERE integration_id = ? ORDER BY customer_name`).all(integrationId)
      : this.db.prepare(`SELECT * FROM installations ORDER BY customer_name`).all()) as Row[];
    return rows.map(fromRow);
  }

  update(id: string, patch: Partial<Pick<InstallationRow, 'releaseId' | 'status' | 'enabled' | 'config' | 'activatedAt'>>): InstallationRow {
    const current = this.get(id);
    const next = { ...current, ...patch };
    this.db.prepare(`UPDATE installations SET release_id = ?, status = ?, enabled = ?, config = ?, activated_at = ?, updated_at = ? WHERE id = ?`)
      .run(next.releaseId, next.status, next.enabled ? 1 : 0, JSON.stringify(next.config), next.activatedAt, nowIso(), id);
    return this.get(id);
  }

  connections(id: string): Map<string, string> {
    const rows = this.db.prepare(`SELECT key, connection_id FROM installation_connections WHERE installation_id = ?`).all(id) as { key: string; connection_id: string }[];
    return new Map(rows.map((r) => [r.key, r.connection_id]));
  }

  setConnection(id: string, key: string, connectionId: string): void {
    this.db.prepare(`INSERT INTO installation_connections (installation_id, key, connection_id) VALUES (?, ?, ?) ON CONFLICT (installation_id, key) DO UPDATE SET connection_id = excluded.connection_id`)
      .run(id, key, connectionId);
    this.db.prepare(`UPDATE installations SET updated_at = ? WHERE id = ?`).run(nowIso(), id);
  }

  clearConnections(id: string): string[] {
    const ids = [...this.connections(id).values()];
    this.db.prepare(`DELETE FROM installation_connections WHERE installation_id = ?`).run(id);
    return ids;
  }
}
