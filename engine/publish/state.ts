import type { Kysely } from 'kysely';
import type { PublishPayload } from '../api/methods/servers';
import { nowIso } from '../storage/db';
import type { Tables } from '../storage/tables';

// An installation's workflow state travels with its publication, so it continues on the server
// where it stopped on the desktop: its pollers' watermarks and their memory of our own writes
// (workflow_state, scoped `<installationId>:<workflowId>`), and which backfills are done. A
// backfill is done once a live run of it succeeded (lifecycle.ts); the server has no such run, so
// the desktop sends that fact as a state value the server's lifecycle also reads.

export type CarriedState = PublishPayload['installations'][number]['state'];

/** The state key saying a live run of this (backfill) workflow succeeded where the installation ran before. */
export const BACKFILL_COMPLETED = 'backfillCompletedAt';

const prefix = (installationId: string): string => `${installationId}:`;

/** On the desktop: the installation's workflow state, and a completion mark for each workflow a live run of which succeeded. */
export async function collectState(database: Kysely<Tables>, installationId: string): Promise<CarriedState> {
  const rows = (await database.selectFrom('workflow_state').selectAll().where('scope', 'like', `${prefix(installationId)}%`).execute())
    .filter((r) => r.scope.startsWith(prefix(installationId)));
  const state: CarriedState = rows.map((r) => ({ workflowId: r.scope.slice(prefix(installationId).length), key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at }));
  const succeeded = await database.selectFrom('runs').select(['workflow_id']).select((eb) => eb.fn.max('finished_at').as('at'))
    .where('installation_id', '=', installationId).where('mode', '=', 'live').where('status', '=', 'succeeded').where('workflow_id', 'is not', null)
    .groupBy('workflow_id').execute();
  for (const r of succeeded) {
    const at = r.at ?? nowIso();
    if (r.workflow_id && !state.some((s) => s.workflowId === r.workflow_id && s.key === BACKFILL_COMPLETED)) state.push({ workflowId: r.workflow_id, key: BACKFILL_COMPLETED, value: at, updatedAt: at });
  }
  return state;
}

/**
 * On the server, inside the publication's transaction: each value lands unless the server holds a
 * newer one for the same key (the installation ran here since, so its own watermark is ahead).
 */
export async function applyState(k: Kysely<Tables>, installationId: string, state: CarriedState): Promise<void> {
  for (const s of state) {
    await k.insertInto('workflow_state').values({ scope: `${prefix(installationId)}${s.workflowId}`, key: s.key, value: JSON.stringify(s.value ?? null), updated_at: s.updatedAt })
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') }))
        .where('workflow_state.updated_at', '<', s.updatedAt))
      .execute();
  }
}

/** On the server: a backfill done where the installation ran before it was published here. */
export async function backfillCompletedElsewhere(database: Kysely<Tables>, installationId: string, workflowId: string): Promise<boolean> {
  const row = await database.selectFrom('workflow_state').select('key')
    .where('scope', '=', `${prefix(installationId)}${workflowId}`).where('key', '=', BACKFILL_COMPLETED).executeTakeFirst();
  return row !== undefined;
}
