import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import { migrateWorkflowDoc } from '../model/migrate';
import type { WorkflowDoc } from '../model/workflow';
import { atomically } from './atomically';
import { nowIso } from './db';
import type { Tables } from './tables';
import { insertUnique } from './unique-insert';

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
  constructor(private readonly k: Kysely<Tables>) {}

  async create(installationId: string, workflowId: string, ancestorVersionId: string, doc: WorkflowDoc, id: string = randomUUID()): Promise<UserVersionRow> {
    const now = nowIso();
    const json = JSON.stringify(doc);
    return atomically(this.k, async (trx) => {
      await insertUnique(
        trx.insertInto('user_versions')
          .values({ id, installation_id: installationId, workflow_id: workflowId, ancestor_version_id: ancestorVersionId, rev: 1, doc: json, created_at: now, updated_at: now })
          .execute(),
        () => new PatchbayError('user_version_exists', 'This installation already has a user-specific version of that workflow; open it instead.'),
      );
      await trx.insertInto('user_version_revisions').values({ user_version_id: id, rev: 1, doc: json, ancestor_version_id: ancestorVersionId, saved_at: now }).execute();
      return new UserVersionsRepo(trx).get(id);
    });
  }

  async get(id: string): Promise<UserVersionRow> {
    const row = await this.k.selectFrom('user_versions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That user-specific version does not exist (it may have been reverted to base).', { id });
    return fromRow(row);
  }

  async find(installationId: string, workflowId: string): Promise<UserVersionRow | undefined> {
    const row = await this.k.selectFrom('user_versions').selectAll().where('installation_id', '=', installationId).where('workflow_id', '=', workflowId).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async listForInstallation(installationId: string): Promise<UserVersionRow[]> {
    const rows = await this.k.selectFrom('user_versions').selectAll().where('installation_id', '=', installationId).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  /** Saves if `baseRev` is current (else rev_conflict); a rebase also moves the ancestor. */
  async save(id: string, baseRev: number, doc: WorkflowDoc, ancestorVersionId?: string): Promise<UserVersionRow> {
    return atomically(this.k, async (trx) => {
      const repo = new UserVersionsRepo(trx);
      const conflict = (currentRev: number): PatchbayError =>
        new PatchbayError('rev_conflict', `This user-specific version changed elsewhere (you started from revision ${baseRev}, it is now at ${currentRev}). Reload it, then re-apply your edit.`, { id, baseRev, currentRev });
      const current = await repo.get(id);
      if (current.rev !== baseRev) throw conflict(current.rev);
      const rev = current.rev + 1;
      const ancestor = ancestorVersionId ?? current.ancestorVersionId;
      const now = nowIso();
      const json = JSON.stringify(doc);
      const result = await trx.updateTable('user_versions').set({ rev, doc: json, ancestor_version_id: ancestor, updated_at: now })
        .where('id', '=', id).where('rev', '=', baseRev).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw conflict((await repo.get(id)).rev);
      await trx.insertInto('user_version_revisions').values({ user_version_id: id, rev, doc: json, ancestor_version_id: ancestor, saved_at: now }).execute();
      return repo.get(id);
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.k.deleteFrom('user_versions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
