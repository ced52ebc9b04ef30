import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import { goldenSetBodySchema, type GoldenSetBody } from '../api/methods/golden';
import { nowIso } from './db';
import type { Tables } from './tables';

export interface GoldenSetRow {
  readonly id: string;
  readonly installationId: string;
  readonly workflowId: string;
  readonly name: string;
  readonly sourceRunId: string | null;
  readonly versionRef: string | null;
  readonly body: GoldenSetBody;
  readonly createdAt: string;
}

interface Row { id: string; installation_id: string; workflow_id: string; name: string; source_run_id: string | null; version_ref: string | null; body: string; created_at: string }

function fromRow(r: Row): GoldenSetRow {
  return {
    id: r.id, installationId: r.installation_id, workflowId: r.workflow_id, name: r.name, sourceRunId: r.source_run_id,
    versionRef: r.version_ref, body: goldenSetBodySchema.parse(JSON.parse(r.body)), createdAt: r.created_at,
  };
}

/** Golden record sets per installation and workflow; written whole, renamed, removed. */
export class GoldenRepo {
  constructor(private readonly k: Kysely<Tables>) {}

  async create(set: Omit<GoldenSetRow, 'id' | 'createdAt'>): Promise<GoldenSetRow> {
    const id = randomUUID();
    await this.k.insertInto('golden_sets').values({
      id, installation_id: set.installationId, workflow_id: set.workflowId, name: set.name, source_run_id: set.sourceRunId,
      version_ref: set.versionRef, body: JSON.stringify(set.body), created_at: nowIso(),
    }).execute();
    return this.get(id);
  }

  async get(id: string): Promise<GoldenSetRow> {
    const row = await this.k.selectFrom('golden_sets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', `The golden records ${id} do not exist (they may have been removed).`, { id });
    return fromRow(row);
  }

  /** Oldest first; sets kept in the same millisecond come in name order (there is no insertion order on PostgreSQL). */
  async listForInstallation(installationId: string): Promise<GoldenSetRow[]> {
    const rows = await this.k.selectFrom('golden_sets').selectAll().where('installation_id', '=', installationId).orderBy('created_at').orderBy('name').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async rename(id: string, name: string): Promise<GoldenSetRow> {
    await this.get(id);
    await this.k.updateTable('golden_sets').set({ name }).where('id', '=', id).execute();
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.k.deleteFrom('golden_sets').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
