import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import type { WorkflowRecord, WorkflowSummary } from '../api/records';
import { migrateWorkflowDoc } from '../model/migrate';
import type { WorkflowDoc } from '../model/workflow';
import { nowIso, type Db } from './db';

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

/** Workflows and their revision history. Every save appends a revision; rev only grows. */
export class WorkflowsRepo {
  constructor(private readonly db: Db) {}

  list(): WorkflowSummary[] {
    const rows = this.db
      .prepare(`SELECT id, name, rev, updated_at, json_array_length(doc, '$.blocks') AS block_count FROM workflows ORDER BY updated_at DESC`)
      .all() as { id: string; name: string; rev: number; updated_at: string; block_count: number }[];
    return rows.map((r) => ({ id: r.id, name: r.name, rev: r.rev, updatedAt: r.updated_at, blockCount: r.block_count }));
  }

  get(id: string): WorkflowRecord {
    const row = this.db.prepare(`SELECT * FROM workflows WHERE id = ?`).get(id) as WorkflowRow | undefined;
    if (!row) throw new PatchbayError('not_found', 'That workflow does not exist; it may have been deleted.', { id });
    return toRecord(row);
  }

  /** `id` is given only when a bundle brings back a workflow under the id it had. */
  create(doc: WorkflowDoc, id: string = randomUUID()): WorkflowRecord {
    const now = nowIso();
    const json = JSON.stringify(doc);
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO workflows (id, name, rev, doc, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)`)
        .run(id, doc.name, json, now, now);
      this.db.prepare(`INSERT INTO workflow_revisions (workflow_id, rev, doc, saved_at) VALUES (?, 1, ?, ?)`).run(id, json, now);
    })();
    return this.get(id);
  }

  /** Saves a new revision if `baseRev` is still the latest; otherwise refuses with rev_conflict. */
  save(id: string, baseRev: number, doc: WorkflowDoc): WorkflowRecord {
    const now = nowIso();
    const json = JSON.stringify(doc);
    this.db.transaction(() => {
      const current = this.get(id);
      if (current.rev !== baseRev) {
        throw new PatchbayError(
          'rev_conflict',
          `This workflow was changed elsewhere (you started from revision ${baseRev}, it is now at ${current.rev}). Reload it, then re-apply your edit.`,
          { id, baseRev, currentRev: current.rev },
        );
      }
      const rev = current.rev + 1;
      this.db.prepare(`UPDATE workflows SET name = ?, rev = ?, doc = ?, updated_at = ? WHERE id = ?`).run(doc.name, rev, json, now, id);
      this.db.prepare(`INSERT INTO workflow_revisions (workflow_id, rev, doc, saved_at) VALUES (?, ?, ?, ?)`).run(id, rev, json, now);
    })();
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM workflows WHERE id = ?`).run(id).changes > 0;
  }
}
