import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import { mappingDocSchema, type MappingDoc } from '../model/mapping-doc';
import { nowIso } from './db';
import type { Tables } from './tables';
import { insertUnique } from './unique-insert';

export interface InstallationMappingRow {
  readonly id: string;
  readonly installationId: string;
  readonly mappingId: string;
  readonly ancestorId: string;
  readonly rev: number;
  readonly doc: MappingDoc;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface Row { id: string; installation_id: string; mapping_id: string; ancestor_id: string; rev: number; doc: string; created_at: string; updated_at: string }

function fromRow(r: Row): InstallationMappingRow {
  return {
    id: r.id, installationId: r.installation_id, mappingId: r.mapping_id, ancestorId: r.ancestor_id, rev: r.rev,
    doc: mappingDocSchema.parse(JSON.parse(r.doc)), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Installations' user-specific versions of shared mappings; the ancestor moves only on rebase. */
export class InstallationMappingsRepo {
  constructor(private readonly k: Kysely<Tables>) {}

  async create(installationId: string, mappingId: string, ancestorId: string, doc: MappingDoc, id: string = randomUUID()): Promise<InstallationMappingRow> {
    const now = nowIso();
    await insertUnique(
      this.k.insertInto('installation_mappings')
        .values({ id, installation_id: installationId, mapping_id: mappingId, ancestor_id: ancestorId, rev: 1, doc: JSON.stringify(doc), created_at: now, updated_at: now })
        .execute(),
      () => new PatchbayError('mapping_custom_exists', 'This installation already has its own version of that mapping; open it instead.', { mappingId }),
    );
    return this.get(id);
  }

  async get(id: string): Promise<InstallationMappingRow> {
    const row = await this.k.selectFrom('installation_mappings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', `The customer's mapping ${id} does not exist (it may have been reverted to base).`, { id });
    return fromRow(row);
  }

  async find(installationId: string, mappingId: string): Promise<InstallationMappingRow | undefined> {
    const row = await this.k.selectFrom('installation_mappings').selectAll().where('installation_id', '=', installationId).where('mapping_id', '=', mappingId).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async listForInstallation(installationId: string): Promise<InstallationMappingRow[]> {
    const rows = await this.k.selectFrom('installation_mappings').selectAll().where('installation_id', '=', installationId).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  /** Saves if `baseRev` is current, else rev_conflict: the update only matches the revision it started from. */
  async save(id: string, baseRev: number, doc: MappingDoc, ancestorId?: string): Promise<InstallationMappingRow> {
    const current = await this.get(id);
    const conflict = (now: InstallationMappingRow): PatchbayError =>
      new PatchbayError('rev_conflict', `This customer mapping changed elsewhere (you started from revision ${baseRev}, it is now at ${now.rev}). Reload it, then re-apply your edit.`, { id, baseRev, currentRev: now.rev });
    if (current.rev !== baseRev) throw conflict(current);
    const result = await this.k.updateTable('installation_mappings')
      .set({ rev: baseRev + 1, doc: JSON.stringify(doc), ancestor_id: ancestorId ?? current.ancestorId, updated_at: nowIso() })
      .where('id', '=', id).where('rev', '=', baseRev)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw conflict(await this.get(id));
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.k.deleteFrom('installation_mappings').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
