import type { Kysely } from 'kysely';
import { nowIso } from './db';
import type { Tables } from './tables';

/**
 * Durable per-workflow state such as a poll watermark, scoped to one installation's workflow
 * (`<installationId>:<workflowId>`) or to a workflow run outside any installation.
 */
export class StateRepo {
  constructor(private readonly db: Kysely<Tables>) {}

  async read(scope: string): Promise<Record<string, unknown>> {
    const rows = await this.db.selectFrom('workflow_state').select(['key', 'value']).where('scope', '=', scope).execute();
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  /** Several scopes in one query (a page of records' own state); a scope with nothing stored is absent. */
  async readMany(scopes: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    // Chunks stay far below either dialect's limit on bound parameters.
    for (let i = 0; i < scopes.length; i += 500) {
      const rows = await this.db.selectFrom('workflow_state').select(['scope', 'key', 'value']).where('scope', 'in', scopes.slice(i, i + 500)).execute();
      for (const r of rows) {
        const values = found.get(r.scope) ?? {};
        values[r.key] = JSON.parse(r.value) as unknown;
        found.set(r.scope, values);
      }
    }
    return found;
  }

  /** Upserts every value in one statement (so all of them land, or none). */
  async write(scope: string, values: Readonly<Record<string, unknown>>): Promise<void> {
    const now = nowIso();
    const rows = Object.entries(values).map(([key, v]) => ({ scope, key, value: JSON.stringify(v ?? null), updated_at: now }));
    if (rows.length === 0) return;
    await this.db.insertInto('workflow_state').values(rows)
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
  }
}

export function stateScope(installationId: string | null, workflowId: string | null): string | null {
  if (!workflowId) return null;
  return installationId ? `${installationId}:${workflowId}` : `workflow:${workflowId}`;
}
