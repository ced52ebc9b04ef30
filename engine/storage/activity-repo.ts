import type { Kysely } from 'kysely';
import type { Activity } from '../api/methods/installations';
import { currentActor } from './acting-as';
import { nowIso } from './db';
import type { Tables } from './tables';

/** The installation's activity log: who changed what, when. Append-only. */
export class ActivityRepo {
  /** `fallbackActor`: who acts when no host named the sender of the request (see acting-as.ts). */
  constructor(private readonly k: Kysely<Tables>, readonly fallbackActor: string) {}

  async record(installationId: string, action: string, details: Record<string, unknown> = {}): Promise<void> {
    await this.k.insertInto('activity').values({ installation_id: installationId, at: nowIso(), actor: currentActor() ?? this.fallbackActor, action, details: JSON.stringify(details) }).execute();
  }

  async list(installationId: string, limit = 200): Promise<Activity[]> {
    const rows = await this.k.selectFrom('activity').selectAll().where('installation_id', '=', installationId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, installationId: r.installation_id, at: r.at, actor: r.actor, action: r.action, details: JSON.parse(r.details) as unknown }));
  }
}
