import type { Db } from './db';

/** How much run history to keep; finished runs beyond either limit are deleted with their journal. */
export interface RetentionPolicy {
  /** The newest runs kept per workflow (runs outside any workflow count as one group). */
  readonly keepRunsPerWorkflow: number;
  /** Finished runs older than this are deleted whatever their count. */
  readonly maxAgeDays: number;
}

export const defaultRetention: RetentionPolicy = { keepRunsPerWorkflow: 200, maxAgeDays: 90 };

export interface PruneResult {
  readonly runs: number;
  readonly payloads: number;
  readonly compacted: boolean;
}

/** Share of free pages above which the file is rebuilt (VACUUM) to give the space back. */
const COMPACT_FREE_SHARE = 0.25;

/**
 * Prunes run history and compacts the database, so the data dir does not grow without bound and
 * the tenth backfill writes into a journal as small as the first's. Running and queued runs are
 * never touched; steps, checkpoints and loop items go with their run (ON DELETE CASCADE), then
 * payloads no step references any more. `compact: false` skips VACUUM (which holds the database
 * for a while): freed pages are reused by the next runs anyway.
 */
export function pruneRuns(db: Db, policy: RetentionPolicy, opts: { now?: Date; compact?: boolean } = {}): PruneResult {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - policy.maxAgeDays * 86_400_000).toISOString();
  const runs = db.prepare(`DELETE FROM runs WHERE id IN (
      SELECT id FROM (
        SELECT id, status, started_at, ROW_NUMBER() OVER (PARTITION BY COALESCE(workflow_id, '') ORDER BY started_at DESC) AS rn FROM runs
      ) WHERE status NOT IN ('running', 'queued') AND (rn > ? OR started_at < ?)
    )`).run(policy.keepRunsPerWorkflow, cutoff).changes;
  let payloads = 0;
  if (runs > 0) {
    payloads = db.prepare(`DELETE FROM payloads WHERE hash NOT IN (
        SELECT json_extract(input, '$."$payload"') FROM steps WHERE input LIKE '{"$payload"%'
        UNION SELECT json_extract(output, '$."$payload"') FROM steps WHERE output LIKE '{"$payload"%'
      )`).run().changes;
  }
  let compacted = false;
  if (opts.compact === false) return { runs, payloads, compacted };
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (pages > 0 && free / pages > COMPACT_FREE_SHARE) {
    db.exec('VACUUM');
    compacted = true;
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { runs, payloads, compacted };
}
