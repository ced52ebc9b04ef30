import { nowIso, type Db } from './db';

/**
 * Durable per-workflow state such as a poll watermark, scoped to one installation's workflow
 * (`<installationId>:<workflowId>`) or to a workflow run outside any installation.
 */
export class StateRepo {
  constructor(private readonly db: Db) {}

  read(scope: string): Record<string, unknown> {
    const rows = this.db.prepare(`SELECT key, value FROM workflow_state WHERE scope = ?`).all(scope) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  write(scope: string, values: Readonly<Record<string, unknown>>): void {
    const upsert = this.db.prepare(`INSERT INTO workflow_state (scope, key, value, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    const now = nowIso();
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(values)) upsert.run(scope, k, JSON.stringify(v ?? null), now);
    })();
  }
}

export function stateScope(installationId: string | null, workflowId: string | null): string | null {
  if (!workflowId) return null;
  return installationId ? `${installationId}:${workflowId}` : `workflow:${workflowId}`;
}
