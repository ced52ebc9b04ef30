import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import { mappingDocSchema, type MappingDoc } from '../model/mapping-doc';
import { nowIso, type Db } from './db';

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
  constructor(private readonly db: Db) {}

  create(installationId: string, mappingId: string, ancestorId: string, doc: MappingDoc, id: string = randomUUID()): InstallationMappingRow {
    const now = nowIso();
    this.db.prepare(`INSERT INTO installation_mappings (id, installation_id, mapping_id, ancestor_id, rev, doc, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`)
      .run(id, installationId, mappingId, ancestorId, JSON.stringify(doc), now, now);
    return this.get(id);
  }

  get(id: string): InstallationMappingRow {
    const row = this.db.prepare(`SELECT * FROM installation_mappings WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new PatchbayError('not_found', `The customer's mapping ${id} does not exist (it may have been reverted to base).`, { id });
    return fromRow(row);
  }

  find(installationId: string, mappingId: string): InstallationMappingRow | undefined {
    const row = this.db.prepare(`SELECT * FROM installation_mappings WHERE installation_id = ? AND mapping_id = ?`).get(installationId, mappingId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  listForInstallation(installationId: string): InstallationMappingRow[] {
    return (this.db.prepare(`SELECT * FROM installation_mappings WHERE installation_id = ?`).all(installationId) as Row[]).map(fromRow);
  }

  save(id: string, baseRev: number, doc: MappingDoc, ancestorId?: string): InstallationMappingRow {
    this.db.transaction(() => {
      const current = this.get(id);
      if (current.rev !== baseRev) {
        throw new PatchbayError('rev_conflict', `This customer mapping changed elsewhere (you started from revision ${baseRev}, it is now at ${current.rev}). Reload it, then re-apply your edit.`, { id, baseRev, currentRev: current.rev });
      }
      this.db.prepare(`UPDATE installation_mappings SET rev = ?, doc = ?, ancestor_id = ?, updated_at = ? WHERE id = ?`)
        .run(current.rev + 1, JSON.stringify(doc), ancestorId ?? current.ancestorId, nowIso(), id);
    })();
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM installation_mappings WHERE id = ?`).run(id).changes > 0;
  }
}
