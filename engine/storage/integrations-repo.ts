import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Integration, Release, ReleasedVersion, RequiredConnection } from '../api/methods/integrations';
import { PatchbayError } from '../errors/patchbay-error';
import { migrateWorkflowDoc } from '../model/migrate';
import { atomically } from './atomically';
import { nowIso } from './db';
import { MappingsRepo } from './mappings-repo';
import { lockRow } from './row-lock';
import type { Tables } from './tables';

interface IntegrationRow { id: string; name: string; description: string; required_connections: string; created_at: string; updated_at: string }
interface ReleaseRow { id: string; integration_id: string; version: number; notes: string; created_at: string }

/** Integrations, their base workflows, and frozen releases. */
export class IntegrationsRepo {
  constructor(private readonly k: Kysely<Tables>) {}

  /** `id` is given only when a bundle brings back an integration under the id it had. */
  async create(name: string, description: string, requiredConnections: readonly RequiredConnection[], id: string = randomUUID()): Promise<Integration> {
    const now = nowIso();
    await this.k.insertInto('integrations')
      .values({ id, name, description, required_connections: JSON.stringify(requiredConnections), created_at: now, updated_at: now })
      .execute();
    return this.get(id);
  }

  /** A bundle's newer name, description or required connections (drafts and releases are separate). */
  async updateDetails(id: string, details: { name: string; description: string; requiredConnections: readonly RequiredConnection[] }): Promise<Integration> {
    await this.k.updateTable('integrations')
      .set({ name: details.name, description: details.description, required_connections: JSON.stringify(details.requiredConnections), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async list(): Promise<Integration[]> {
    const rows = await this.k.selectFrom('integrations').selectAll().orderBy('name').execute();
    return Promise.all(rows.map((r) => this.toIntegration(r)));
  }

  async get(id: string): Promise<Integration> {
    const row = await this.k.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That integration does not exist; it may have been deleted.', { id });
    return this.toIntegration(row);
  }

  private async toIntegration(r: IntegrationRow): Promise<Integration> {
    const workflows = await this.k.selectFrom('workflows').select(['id', 'name', 'rev']).where('integration_id', '=', r.id).orderBy('created_at').orderBy('name').execute();
    return {
      id: r.id, name: r.name, description: r.description, requiredConnections: JSON.parse(r.required_connections) as RequiredConnection[],
      workflows, latestRelease: (await this.latestRelease(r.id))?.version ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
    };
  }

  async attachWorkflow(integrationId: string, workflowId: string): Promise<void> {
    await this.k.updateTable('workflows').set({ integration_id: integrationId }).where('id', '=', workflowId).execute();
  }

  async integrationOfWorkflow(workflowId: string): Promise<string | null> {
    const row = await this.k.selectFrom('workflows').select('integration_id').where('id', '=', workflowId).executeTakeFirst();
    return row?.integration_id ?? null;
  }

  /**
   * Freezes every base workflow's current draft as the next release, in one transaction. Asked
   * again with the same notes and nothing changed since (a double-click on Release), it gives the
   * latest release back instead of making an identical next version.
   */
  async release(integrationId: string, notes: string): Promise<Release> {
    const integration = await this.get(integrationId);
    if (integration.workflows.length === 0) throw new PatchbayError('bad_request', 'Add at least one workflow to the integration before releasing it.');
    const id = randomUUID();
    return atomically(this.k, async (trx) => {
      // Releases of one integration take turns: the second reads the version the first made.
      await lockRow(trx, 'integrations', integrationId);
      const repo = new IntegrationsRepo(trx);
      const mappings = new MappingsRepo(trx);
      const latest = await repo.latestRelease(integrationId);
      const drafts = await trx.selectFrom('workflows').select(['id', 'name', 'doc']).where('id', 'in', integration.workflows.map((w) => w.id)).execute();
      if (latest && latest.notes === notes && await repo.holdsDrafts(latest.id, drafts) && await mappings.releaseHoldsDrafts(integrationId, latest.id)) {
        return repo.getRelease(latest.id);
      }
      await trx.insertInto('releases').values({ id, integration_id: integrationId, version: (latest?.version ?? 0) + 1, notes, created_at: nowIso() }).execute();
      await trx.insertInto('released_versions').values(drafts.map((w) => ({ id: randomUUID(), release_id: id, workflow_id: w.id, name: w.name, doc: w.doc }))).execute();
      // Shared mappings are part of the release: workflows and their mappings freeze together.
      await mappings.freeze(integrationId, id);
      return repo.getRelease(id);
    });
  }

  /** True when a release holds exactly these workflow drafts (same workflows, names and documents). */
  private async holdsDrafts(releaseId: string, drafts: readonly { id: string; name: string; doc: string }[]): Promise<boolean> {
    const frozen = await this.k.selectFrom('released_versions').select(['workflow_id', 'name', 'doc']).where('release_id', '=', releaseId).execute();
    const byWorkflow = new Map(frozen.map((v) => [v.workflow_id, v]));
    // Documents are stored text on both dialects: a draft unchanged since is the same text.
    return frozen.length === drafts.length && drafts.every((d) => byWorkflow.get(d.id)?.name === d.name && byWorkflow.get(d.id)?.doc === d.doc);
  }

  /** Recreates a release from a bundle (the caller holds the transaction and builds this repo on it). */
  async importRelease(integrationId: string, release: { id?: string; version: number; notes: string; createdAt: string; versions: readonly { id?: string; workflowId: string; name: string; doc: unknown }[] }): Promise<string> {
    const id = release.id ?? randomUUID();
    await this.k.insertInto('releases').values({ id, integration_id: integrationId, version: release.version, notes: release.notes, created_at: release.createdAt }).execute();
    if (release.versions.length > 0) {
      await this.k.insertInto('released_versions')
        .values(release.versions.map((v) => ({ id: v.id ?? randomUUID(), release_id: id, workflow_id: v.workflowId, name: v.name, doc: JSON.stringify(v.doc) })))
        .execute();
    }
    return id;
  }

  async latestRelease(integrationId: string): Promise<ReleaseRow | undefined> {
    return this.k.selectFrom('releases').selectAll().where('integration_id', '=', integrationId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  async getRelease(id: string): Promise<Release> {
    const r = await this.k.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new PatchbayError('not_found', 'That release does not exist.', { id });
    const versions = await this.k.selectFrom('released_versions').select(['id', 'workflow_id as workflowId', 'name']).where('release_id', '=', id).orderBy('name').execute();
    return { id: r.id, integrationId: r.integration_id, version: r.version, notes: r.notes, createdAt: r.created_at, versions };
  }

  async releases(integrationId: string): Promise<Release[]> {
    const ids = await this.k.selectFrom('releases').select('id').where('integration_id', '=', integrationId).orderBy('version', 'desc').execute();
    return Promise.all(ids.map((r) => this.getRelease(r.id)));
  }

  async getVersion(id: string): Promise<ReleasedVersion> {
    const row = await this.k.selectFrom('released_versions as v').innerJoin('releases as r', 'r.id', 'v.release_id')
      .selectAll('v').select(['r.integration_id', 'r.version'])
      .where('v.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That released version does not exist.', { id });
    return { id: row.id, releaseId: row.release_id, integrationId: row.integration_id, version: row.version, workflowId: row.workflow_id, name: row.name, doc: migrateWorkflowDoc(JSON.parse(row.doc)) };
  }

  /** The version of one base workflow inside a release, or undefined if that release lacks it. */
  async versionIn(releaseId: string, workflowId: string): Promise<ReleasedVersion | undefined> {
    const row = await this.k.selectFrom('released_versions').select('id').where('release_id', '=', releaseId).where('workflow_id', '=', workflowId).executeTakeFirst();
    return row ? this.getVersion(row.id) : undefined;
  }
}
