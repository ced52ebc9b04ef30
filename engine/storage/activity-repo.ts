import type { Activity } from '../api/methods/installations';
import { nowIso, type Db } from './db';

/** The installation's activity log: who changed what, when. Append-only. */
export class ActivityRepo {
  constructor(private readonly db: Db, private readonly actor: string) {}

  record(installationId: string, action: string, details: Record<string, unknown> = {}): void {
    this.db.prepare(`INSERT INTO activity (installation_id, at, actor, action, details) VALUES (?, ?, ?, ?, ?)`)
      .run(installationId, nowIso(), this.actor, action, JSON.stringify(details));
  }

  list(installationId: string, limit = 200): Activity[] {
    const rows = this.db.prepare(`SELECT * FROM activity WHERE installation_id = ? ORDER BY id DESC LIMIT ?`).all(installationId, limit) as
      { id: number; installation_id: string; at: string; actor: string; action: string; details: string }[];
    return rows.map((r) => ({ id: r.id, installationId: r.installation_id, at: r.at, actor: r.actor, action: r.action, details: JSON.parse(r.details) as unknown }));
  }
}
