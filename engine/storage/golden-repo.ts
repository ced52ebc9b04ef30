import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import { goldenSetBodySchema, type GoldenSetBody } from '../api/methods/golden';
import { nowIso, type Db } from './db';

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
  constructor(private readonly db: Db) {}

  create(set: Omit<GoldenSetRow, 'id' | 'createdAt'>): GoldenSetRow {
    const id = randomUUID();
    this.db.prepare(`INSERT INTO golden_sets (id, installation_id, workflow_id, name, source_run_id, version_ref, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, set.installationId, set.workflowId, set.name, set.sourceRunId, set.versionRef, JSON.stringify(set.body), nowIso());
    return this.get(id);
  }

  get(id: string): GoldenSetRow {
    const row = this.db.prepare(`SELECT * FROM golden_sets WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new PatchbayError('not_found', `The golden records ${id} do not exist (they may have been removed).`, { id });
    return fromRow(row);
  }

  listForInstallation(installationId: string): GoldenSetRow[] {
    return (this.db.prepare(`SELECT * FROM golden_sets WHERE installation_id = ? ORDER BY created_at, rowid`).all(installationId) as Row[]).map(fromRow);
  }

  rename(id: string, name: string): GoldenSetRow {
    this.get(id);
    this.db.prepare(`UPDATE golden_sets SET name = ? WHERE id = ?`).run(name, id);
    return this.get(id);
  }

  remove(id: string): boolean {
    return this.db.prepare(`DELETE FROM golden_sets WHERE id = ?`).run(id).changes > 0;
  }
}
