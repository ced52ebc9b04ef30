import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import type { MappingRecord, ReleasedMapping } from '../api/methods/mappings';
import { mappingDocSchema, type MappingDoc } from '../model/mapping-doc';
import { nowIso, type Db } from './db';

interface DraftRow { id: string; integration_id: string; name: string; rev: number; doc: string; created_at: string; updated_at: string }
interface ReleasedRow { id: string; release_id: string; mapping_id: string; name: string; doc: string; version: number; integration_id: string }

/** Stored documents were valid when written; parsing again fills defaults added since. */
function readDoc(json: string): MappingDoc {
  return mappingDocSchema.parse(JSON.parse(json));
}

function fromDraft(r: DraftRow): MappingRecord {
  return { id: r.id, integrationId: r.integration_id, name: r.name, rev: r.rev, doc: readDoc(r.doc), createdAt: r.created_at, updatedAt: r.updated_at };
}

function fromReleased(r: ReleasedRow): ReleasedMapping {
  return { id: r.id, releaseId: r.release_id, version: r.version, mappingId: r.mapping_id, name: r.name, doc: readDoc(r.doc) };
}

const RELEASED = `SELECT m.*, r.version, r.integration_id FROM released_mappings m JOIN releases r ON r.id = m.release_id`;

/** An integration's shared mappings: the draft of each, and the version frozen in each release. */
export class MappingsRepo {
  constructor(private readonly db: Db) {}

  /** `id` is given only when a bundle brings back a mapping under the id it had. */
  create(integrationId: string, name: string, rules: MappingDoc['rules'], notes: string, givenId?: string): MappingRecord {
    if (this.findByName(integrationId, name)) {
      throw new PatchbayError('mapping_exists', `This integration already has a mapping named "${name}"; choose another name or open that one.`, { name });
    }
    const id = givenId ?? randomUUID();
    const now = nowIso();
    const doc = mappingDocSchema.parse({ id, name, rules, notes });
    this.db.prepare(`INSERT INTO mappings (id, integration_id, name, rev, doc, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)`)
      .run(id, integrationId, name, JSON.stringify(doc), now, now);
    return this.get(id);
  }

  get(id: string): MappingRecord {
    const row = this.db.prepare(`SELECT * FROM mappings WHERE id = ?`).get(id) as DraftRow | undefined;
    if (!row) throw new PatchbayError('not_found', `Mapping ${id} does not exist.`, { id });
    return fromDraft(row);
  }

  findByName(integrationId: string, name: string): MappingRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM mappings WHERE integration_id = ? AND name = ?`).get(integrationId, name) as DraftRow | undefined;
    return row ? fromDraft(row) : undefined;
  }

  list(integrationId: string): MappingRecord[] {
    return (this.db.prepare(`SELECT * FROM mappings WHERE integration_id = ? ORDER BY name`).all(integrationId) as DraftRow[]).map(fromDraft);
  }

  /** Saves the draft if `baseRev` is current, else rev_conflict (two editors, one mapping). */
  save(id: string, baseRev: number, rules: MappingDoc['rules'], notes?: string): MappingRecord {
    this.db.transaction(() => {
      const current = this.get(id);
      if (current.rev !== baseRev) {
        throw new PatchbayError('rev_conflict', `The mapping "${current.name}" changed elsewhere (you started from revision ${baseRev}, it is now at ${current.rev}). Reload it, then re-apply your edit.`, { id, baseRev, currentRev: current.rev });
      }
      const doc = mappingDocSchema.parse({ ...current.doc, rules, notes: notes ?? current.doc.notes });
      this.db.prepare(`UPDATE mappings SET rev = ?, doc = ?, updated_at = ? WHERE id = ?`).run(current.rev + 1, JSON.stringify(doc), nowIso(), id);
    })();
    return this.get(id);
  }

  /** Bundle import: a released mapping of a recreated release, pointing at its draft, under the id it had. */
  importReleased(releaseId: string, mappingId: string, doc: MappingDoc, id: string = randomUUID()): void {
    this.db.prepare(`INSERT INTO released_mappings (id, release_id, mapping_id, name, doc) VALUES (?, ?, ?, ?, ?)`)
      .run(id, releaseId, mappingId, doc.name, JSON.stringify({ ...doc, id: mappingId }));
  }

  /** Freezes every draft mapping of the integration into a release (inside the release's transaction). */
  freeze(integrationId: string, releaseId: string): void {
    const insert = this.db.prepare(`INSERT INTO released_mappings (id, release_id, mapping_id, name, doc) VALUES (?, ?, ?, ?, ?)`);
    for (const m of this.list(integrationId)) insert.run(randomUUID(), releaseId, m.id, m.name, JSON.stringify(m.doc));
  }

  releasedIn(releaseId: string): ReleasedMapping[] {
    return (this.db.prepare(`${RELEASED} WHERE m.release_id = ? ORDER BY m.name`).all(releaseId) as ReleasedRow[]).map(fromReleased);
  }

  getReleased(id: string): ReleasedMapping {
    const row = this.db.prepare(`${RELEASED} WHERE m.id = ?`).get(id) as ReleasedRow | undefined;
    if (!row) throw new PatchbayError('not_found', `Released mapping ${id} does not exist.`, { id });
    return fromReleased(row);
  }

  releasedFor(releaseId: string, mappingId: string): ReleasedMapping | undefined {
    const row = this.db.prepare(`${RELEASED} WHERE m.release_id = ? AND m.mapping_id = ?`).get(releaseId, mappingId) as ReleasedRow | undefined;
    return row ? fromReleased(row) : undefined;
  }
}
