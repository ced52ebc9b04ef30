import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import type { WorkflowRecord, WorkflowSummary } from '../api/records';
import { migrateWorkflowDoc } from '../model/migrate';
import type { WorkflowDoc } from '../model/workflow';
import { atomically } from './atomically';
import { nowIso } from './db';
import type { Tables } from './tables';

interface WorkflowRow {
  id: string;
  name: string;
  rev: number;
  doc: string;
  created_at: string;
  updated_at: string;
}

function toRecord(row: WorkflowRow): WorkflowRecord {
  return {
    id: row.id,
    name: row.name,
    rev: row.rev,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    doc: migrateWorkflowDoc(JSON.parse(row.doc)),
  };
}

/** Counted here rather than in SQL: the JSON functions of SQLite and PostgreSQL differ. */
function blockCount(doc: string): number {
  const blocks = (JSON.parse(doc) as { blocks?: unknown }).blocks;
  return Array.isArray(blocks) ? blocks.length : 0;
}

/** Workflows and their revision history. Every save appends a revision; rev only grows. */
export class WorkflowsRepo {
  constructor(private readonly k: Kysely<Tables>) {}

  async list(): Promise<WorkflowSummary[]> {
    const rows = await this.k.selectFrom('workflows').select(['id', 'name', 'rev', 'updated_at', 'doc']).orderBy('updated_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, rev: r.rev, updatedAt: r.updated_at, blockCount: blockCount(r.doc) }));
  }

  async get(id: string): Promise<WorkflowRecord> {
    const row = await this.k.selectFrom('workflows').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That workflow does not exist; it may have been deleted.', { id });
    return toRecord(row);
  }

  /** `id` is given only when a bundle brings back a workflow under the id it had. */
  async create(doc: WorkflowDoc, id: string = randomUUID()): Promise<WorkflowRecord> {
    const now = nowIso();
    const json = JSON.stringify(doc);
    return atomically(this.k, async (trx) => {
      await trx.insertInto('workflows').values({ id, name: doc.name, rev: 1, doc: json, created_at: now, updated_at: now }).execute();
      await trx.insertInto('workflow_revisions').values({ workflow_id: id, rev: 1, doc: json, saved_at: now }).execute();
      return new WorkflowsRepo(trx).get(id);
    });
  }

  /** Saves a new revision if `baseRev` is still the latest; otherwise refuses with rev_conflict. */
  async save(id: string, baseRev: number, doc: WorkflowDoc): Promise<WorkflowRecord> {
    const now = nowIso();
    const json = JSON.stringify(doc);
    return atomically(this.k, async (trx) => {
      const repo = new WorkflowsRepo(trx);
      const conflict = (currentRev: number): PatchbayError => new PatchbayError(
        'rev_conflict',
        `This workflow was changed elsewhere (you started from revision ${baseRev}, it is now at ${currentRev}). Reload it, then re-apply your edit.`,
        { id, baseRev, currentRev },
      );
      const current = await repo.get(id);
      if (current.rev !== baseRev) throw conflict(current.rev);
      const rev = current.rev + 1;
      // Only the revision we started from is replaced (two savers on PostgreSQL: one wins, one conflicts).
      const result = await trx.updateTable('workflows').set({ name: doc.name, rev, doc: json, updated_at: now }).where('id', '=', id).where('rev', '=', baseRev).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw conflict((await repo.get(id)).rev);
      await trx.insertInto('workflow_revisions').values({ workflow_id: id, rev, doc: json, saved_at: now }).execute();
      return repo.get(id);
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.k.deleteFrom('workflows').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
