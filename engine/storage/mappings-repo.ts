import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import type { MappingRecord, ReleasedMapping } from '../api/methods/mappings';
import { mappingDocSchema, type MappingDoc } from '../model/mapping-doc';
import { nowIso } from './db';
import type { Tables } from './tables';
import { insertUnique } from './unique-insert';

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

/** An integration's shared mappings: the draft of each, and the version frozen in each release. */
export class MappingsRepo {
  constructor(private readonly k: Kysely<Tables>) {}

  private released() {
    return this.k.selectFrom('released_mappings as m').innerJoin('releases as r', 'r.id', 'm.release_id').selectAll('m').select(['r.version', 'r.integration_id']);
  }

  /** `id` is given only when a bundle brings back a mapping under the id it had. */
  async create(integrationId: string, name: string, rules: MappingDoc['rules'], notes: string, givenId?: string): Promise<MappingRecord> {
    const exists = (): PatchbayError => new PatchbayError('mapping_exists', `This integration already has a mapping named "${name}"; choose another name or open that one.`, { name });
    if (await this.findByName(integrationId, name)) throw exists();
    const id = givenId ?? randomUUID();
    const now = nowIso();
    const doc = mappingDocSchema.parse({ id, name, rules, notes });
    await insertUnique(this.k.insertInto('mappings').values({ id, integration_id: integrationId, name, rev: 1, doc: JSON.stringify(doc), created_at: now, updated_at: now }).execute(), exists);
    return this.get(id);
  }

  async get(id: string): Promise<MappingRecord> {
    const row = await this.k.selectFrom('mappings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', `Mapping ${id} does not exist.`, { id });
    return fromDraft(row);
  }

  async findByName(integrationId: string, name: string): Promise<MappingRecord | undefined> {
    const row = await this.k.selectFrom('mappings').selectAll().where('integration_id', '=', integrationId).where('name', '=', name).executeTakeFirst();
    return row ? fromDraft(row) : undefined;
  }

  async list(integrationId: string): Promise<MappingRecord[]> {
    const rows = await this.k.selectFrom('mappings').selectAll().where('integration_id', '=', integrationId).orderBy('name').execute();
    return rows.map(fromDraft);
  }

  /** Saves the draft if `baseRev` is current, else rev_conflict (two editors, one mapping): the update only matches the revision it started from. */
  async save(id: string, baseRev: number, rules: MappingDoc['rules'], notes?: string): Promise<MappingRecord> {
    const current = await this.get(id);
    const conflict = (now: MappingRecord): PatchbayError =>
      new PatchbayError('rev_conflict', `The mapping "${now.name}" changed elsewhere (you started from revision ${baseRev}, it is now at ${now.rev}). Reload it, then re-apply your edit.`, { id, baseRev, currentRev: now.rev });
    if (current.rev !== baseRev) throw conflict(current);
    const doc = mappingDocSchema.parse({ ...current.doc, rules, notes: notes ?? current.doc.notes });
    const result = await this.k.updateTable('mappings')
      .set({ rev: baseRev + 1, doc: JSON.stringify(doc), updated_at: nowIso() })
      .where('id', '=', id).where('rev', '=', baseRev)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw conflict(await this.get(id));
    return this.get(id);
  }

  /** Bundle import: a released mapping of a recreated release, pointing at its draft, under the id it had. */
  async importReleased(releaseId: string, mappingId: string, doc: MappingDoc, id: string = randomUUID()): Promise<void> {
    await this.k.insertInto('released_mappings').values({ id, release_id: releaseId, mapping_id: mappingId, name: doc.name, doc: JSON.stringify({ ...doc, id: mappingId }) }).execute();
  }

  /** Freezes every draft mapping of the integration into a release (inside the release's transaction: build this repo on it). */
  async freeze(integrationId: string, releaseId: string): Promise<void> {
    const drafts = await this.list(integrationId);
    if (drafts.length === 0) return;
    await this.k.insertInto('released_mappings')
      .values(drafts.map((m) => ({ id: randomUUID(), release_id: releaseId, mapping_id: m.id, name: m.name, doc: JSON.stringify(m.doc) })))
      .execute();
  }

  /** True when a release froze exactly the integration's current drafts (same mappings, names and documents). */
  async releaseHoldsDrafts(integrationId: string, releaseId: string): Promise<boolean> {
    const [drafts, frozen] = await Promise.all([this.list(integrationId), this.releasedIn(releaseId)]);
    const byMapping = new Map(frozen.map((m) => [m.mappingId, m]));
    return frozen.length === drafts.length && drafts.every((d) => byMapping.get(d.id)?.name === d.name && isDeepStrictEqual(byMapping.get(d.id)?.doc, d.doc));
  }

  async releasedIn(releaseId: string): Promise<ReleasedMapping[]> {
    const rows = await this.released().where('m.release_id', '=', releaseId).orderBy('m.name').execute();
    return rows.map(fromReleased);
  }

  async getReleased(id: string): Promise<ReleasedMapping> {
    const row = await this.released().where('m.id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', `Released mapping ${id} does not exist.`, { id });
    return fromReleased(row);
  }

  async releasedFor(releaseId: string, mappingId: string): Promise<ReleasedMapping | undefined> {
    const row = await this.released().where('m.release_id', '=', releaseId).where('m.mapping_id', '=', mappingId).executeTakeFirst();
    return row ? fromReleased(row) : undefined;
  }
}
