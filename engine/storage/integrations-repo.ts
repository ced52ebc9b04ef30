import { randomUUID } from 'node:crypto';
import type { Integration, Release, ReleasedVersion, RequiredConnection } from '../api/methods/integrations';
import { PatchbayError } from '../errors/patchbay-error';
import { migrateWorkflowDoc } from '../model/migrate';
import { nowIso, type Db } from './db';
import { MappingsRepo } from './mappings-repo';

interface IntegrationRow { id: string; name: string; description: string; required_connections: string; created_at: string; updated_at: string }
interface ReleaseRow { id: string; integration_id: string; version: number; notes: string; created_at: string }
interface VersionRow { id: string; release_id: string; workflow_id: string; name: string; doc: string; integration_id: string; version: number }

/** Integrations, their base workflows, and frozen releases. */
export class IntegrationsRepo {
  constructor(private readonly db: Db) {}

  /** `id` is given only when a bundle brings back an integration under the id it had. */
  create(name: string, description: string, requiredConnections: readonly RequiredConnection[], id: string = randomUUID()): Integration {
    const now = nowIso();
    this.db.prepare(`INSERT INTO integrations (id, name, description, required_connections, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(id, name, description, JSON.stringify(requiredConnections), now, now);
    return this.get(id);
  }

  /** A bundle's newer name, description or required connections (drafts and releases are separate). */
  updateDetails(id: string, details: { name: string; description: string; requiredConnections: readonly RequiredConnection[] }): Integration {
    this.db.prepare(`UPDATE integrations SET name = ?, description = ?, required_connections = ?, updated_at = ? WHERE id = ?`)
      .run(details.name, details.description, JSON.stringify(details.requiredConnections), nowIso(), id);
    return this.get(id);
  }

  list(): Integration[] {
    const rows = this.db.prepare(`SELECT * FROM integrations ORDER BY name`).all() as IntegrationRow[];
    return rows.map((r) => this.toIntegration(r));
  }

  get(id: string): Integration {
    const row = this.db.prepare(`SELECT * FROM integrations WHERE id = ?`).get(id) as IntegrationRow | undefined;
    if (!row) throw new PatchbayError('not_found', 'That integration does not exist; it may have been deleted.', { id });
    return this.toIntegration(row);
  }

  private toIntegration(r: IntegrationRow): Integration {
    const workflows = this.db.prepare(`SELECT id, name, rev FROM workflows WHERE integration_id = ? ORDER BY created_at, name`).all(r.id) as { id: string; name: string; rev: number }[];
    return {
      id: r.id, name: r.name, description: r.description, requiredConnections: JSON.parse(r.required_connections) as RequiredConnection[],
      workflows, latestRelease: this.latestRelease(r.id)?.version ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
    };
  }

  attachWorkflow(integrationId: string, workflowId: string): void {
    this.db.prepare(`UPDATE workflows SET integration_id = ? WHERE id = ?`).run(integrationId, workflowId);
  }

  integrationOfWorkflow(workflowId: string): string | null {
    const row = this.db.prepare(`SELECT integration_id FROM workflows WHERE id = ?`).get(workflowId) as { integration_id: string | null } | undefined;
    return row?.integration_id ?? null;
  }

  /** Freezes every base workflow's current draft as the next release, in one transaction. */
  release(integrationId: string, notes: string): Release {
    const integration = this.get(integrationId);
    if (integration.workflows.length === 0) throw new PatchbayError('bad_request', 'Add at least one workflow to the integration before releasing it.');
    const id = randomUUID();
    this.db.transaction(() => {
      const next = (this.latestRelease(integrationId)?.version ?? 0) + 1;
      this.db.prepare(`INSERT INTO releases (id, integration_id, version, notes, created_at) VALUES (?, ?, ?, ?, ?)`).run(id, integrationId, next, notes, nowIso());
      const insert = this.db.prepare(`INSERT INTO released_versions (id, release_id, workflow_id, name, doc) SELECT ?, ?, id, name, doc FROM workflows WHERE id = ?`);
      for (const w of integration.workflows) insert.run(randomUUID(), id, w.id);
      // Shared mappings are part of the release: workflows and their mappings freeze together.
      new MappingsRepo(this.db).freeze(integrationId, id);
    })();
    return this.getRelease(id);
  }

  /** Recreates a release from a bundle (the caller holds the transaction). */
  importRelease(integrationId: string, release: { id?: string; version: number; notes: string; createdAt: string; versions: readonly { id?: string; workflowId: string; name: string; doc: unknown }[] }): string {
    const id = release.id ?? randomUUID();
    this.db.prepare(`INSERT INTO releases (id, integration_id, version, notes, created_at) VALUES (?, ?, ?, ?, ?)`).run(id, integrationId, release.version, release.notes, release.createdAt);
    const insert = this.db.prepare(`INSERT INTO released_versions (id, release_id, workflow_id, name, doc) VALUES (?, ?, ?, ?, ?)`);
    for (const v of release.versions) insert.run(v.id ?? randomUUID(), id, v.workflowId, v.name, JSON.stringify(v.doc));
    return id;
  }

  latestRelease(integrationId: string): ReleaseRow | undefined {
    return this.db.prepare(`SELECT * FROM releases WHERE integration_id = ? ORDER BY version DESC LIMIT 1`).get(integrationId) as ReleaseRow | undefined;
  }

  getRelease(id: string): Release {
    const r = this.db.prepare(`SELECT * FROM releases WHERE id = ?`).get(id) as ReleaseRow | undefined;
    if (!r) throw new PatchbayError('not_found', 'That release does not exist.', { id });
    const versions = this.db.prepare(`SELECT id, workflow_id AS workflowId, name FROM released_versions WHERE release_id = ? ORDER BY name`).all(id) as Release['versions'];
    return { id: r.id, integrationId: r.integration_id, version: r.version, notes: r.notes, createdAt: r.created_at, versions };
  }

  releases(integrationId: string): Release[] {
    const ids = this.db.prepare(`SELECT id FROM releases WHERE integration_id = ? ORDER BY version DESC`).all(integrationId) as { id: string }[];
    return ids.map((r) => this.getRelease(r.id));
  }

  getVersion(id: string): ReleasedVersion {
    const row = this.db.prepare(`SELECT v.*, r.integration_id, r.version FROM released_versions v JOIN releases r ON r.id = v.release_id WHERE v.id = ?`).get(id) as VersionRow | undefined;
    if (!row) throw new PatchbayError('not_found', 'That released version does not exist.', { id });
    return { id: row.id, releaseId: row.release_id, integrationId: row.integration_id, version: row.version, workflowId: row.workflow_id, name: row.name, doc: migrateWorkflowDoc(JSON.parse(row.doc)) };
  }

  /** The version of one base workflow inside a release, or undefined if that release lacks it. */
  versionIn(releaseId: string, workflowId: string): ReleasedVersion | undefined {
    const row = this.db.prepare(`SELECT id FROM released_versions WHERE release_id = ? AND workflow_id = ?`).get(releaseId, workflowId) as { id: string } | undefined;
    return row ? this.getVersion(row.id) : undefined;
  }
}
