import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import { migrateWorkflowDoc } from '../model/migrate';
import type { WorkflowDoc } from '../model/workflow';
import { nowIso, type Db } from './db';

export interface UserVersionRow {
  readonly id: string;
  readonly installationId: string;
  readonly workflowId: string;
  readonly ancestorVersionId: string;
  readonly rev: number;
  readonly doc: WorkflowDoc;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface Row { id: string; installation_id: string; workflow_id: string; ancestor_version_id: string; rev: number; doc: string; created_at: string; updated_at: string }

function fromRow(r: Row): UserVersionRow {
  return {
    id: r.id, installationId: r.installation_id, workflowId: r.workflow_id, ancestorVersionId: r.ancestor_version_id,
    rev: r.rev, doc: migrateWorkflowDoc(JSON.parse(r.doc)), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** User-specific versions. Each save appends a revision; the ancestor changes only on rebase. */
export class UserVersionsRepo {
  constructor(private readonly db: Db) {}

  create(installationId: string, workflowId: string, ancestorVersionId: string, doc: WorkflowDoc, id: string = randomUUID()): UserVersionRow {
    const now = nowIso();
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO user_versions (id, installation_id, workflow_id, ancestor_version_id, rev, doc, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`)
        .run(id, installationId, workflowId, ancestorVersionId, JSON.stringify(doc), now, now);
      this.db.prepare(`INSERT INTO user_version_revisions (user_version_id, rev, doc, ancestor_version_id, saved_at) VALUES (?, 1, ?, ?, ?)`).run(id, JSON.stringify(doc), ancestorVersionId, now);
    })();
    return this.get(id);
  }

  get(id: string): UserVersionRow {
    const row = this.db.prepare(`SELECT * FROM user_versions WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new PatchbayError('not_found', 'That user-specific version does not exist (it may have been reverted to base).', { id });
    return fromRow(row);
  }

  find(installationId: string, workflowId: string): UserVersionRow | undefined {
    const row = this.db.prepare(`SELECT * FROM user_versions WHERE installation_id = ? AND workflow_id = ?`).get(installationId, workflowId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  listForInstallation(installationId: string): UserVersionRow[] {
    return (this.db.prepare(`SELECT * FROM user_versions WHERE installation_id = ?`).all(installationId) as Row[]).map(fromRow);
  }

  /** Saves if `baseRev` is current (else rev_conflict); a rebase also moves the ancestor. */
  save(id: string, baseRev: number, doc: WorkflowDoc, ancestorVersionId?: string): UserVersionRow {
    this.db.transaction(() => {
      const current = this.get(id);
      if (current.rev !== baseRev) {
        throw new PatchbayError('rev_conflict', `This user-specific version changed elsewhere (you started from revision ${baseRev}, it is now at ${current.rev}). Reload it, then re-apply your edit.`, { id, baseRev, currentRev: current.rev });
      }
      const rev = current.rev + 1;
      const ancestor = ancestorVersionId ?? current.ancestorVersionId;
      const now = nowIso();
      this.db.prepare(`UPDATE user_versions SET rev = ?, doc = ?, ancestor_version_id = ?, updated_at = ? WHERE id = ?`).run(rev, JSON.stringify(doc), ancestor, now, id);
      this.db.prepare(`INSERT INTO user_version_revisions (user_version_id, rev, doc, ancestor_version_id, saved_at) VALUES (?, ?, ?, ?, ?)`).run(id, rev, JSON.stringify(doc), ancestor, now);
    })();
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM user_versions WHERE id = ?`).run(id).changes > 0;
  }
}
