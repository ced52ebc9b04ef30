import { sql, type Kysely } from 'kysely';
import type { Db } from './db';
import type { Tables } from './tables';

/** How much run history to keep; finished runs beyond either limit are deleted with their journal. */
export interface RetentionPolicy {
  /**
   * The newest runs kept per installation and workflow (runs outside any installation or workflow
   * count as one group), plus each installation workflow's newest succeeded live run whatever its age.
   */
  readonly keepRunsPerWorkflow: number;
  /** Finished runs older than this are deleted whatever their count. */
  readonly maxAgeDays: number;
}

export const defaultRetention: RetentionPolicy = { keepRunsPerWorkflow: 200, maxAgeDays: 90 };

export interface PruneResult {
  readonly runs: number;
  readonly payloads: number;
}

/** Share of free pages above which the file is rebuilt (VACUUM) to give the space back. */
const COMPACT_FREE_SHARE = 0.25;

/** Where the hash sits in a step's reference to a stored payload, `{"$payload":"<sha256 hex>"}`. */
const REF_PREFIX = '{"$payload":"';
const refHash = (column: 'input' | 'output') => sql<string>`substr(${sql.ref(column)}, ${REF_PREFIX.length + 1}, 64)`;

/**
 * Prunes run history, so the database does not grow without bound and the tenth backfill writes
 * into a journal as small as the first's. Running and queued runs are never touched; steps,
 * checkpoints and loop items go with their run (ON DELETE CASCADE), then payloads no step
 * references any more. Portable SQL: the same on SQLite and PostgreSQL.
 */
export async function pruneRuns(database: Kysely<Tables>, policy: RetentionPolicy, opts: { now?: Date } = {}): Promise<PruneResult> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - policy.maxAgeDays * 86_400_000).toISOString();
  // One customer's runs never push out another's: ranked per installation and workflow.
  const group = sql`COALESCE(installation_id, ''), COALESCE(workflow_id, '')`;
  const provesDone = sql<number>`CASE WHEN mode = 'live' AND status = 'succeeded' AND installation_id IS NOT NULL THEN 1 ELSE 0 END`;
  const deleted = await database.deleteFrom('runs').where('id', 'in', (eb) => eb
    .selectFrom(eb.selectFrom('runs').select(['id', 'status', 'started_at',
      sql<number>`ROW_NUMBER() OVER (PARTITION BY ${group} ORDER BY started_at DESC)`.as('rn'),
      provesDone.as('proves_done'),
      sql<number>`ROW_NUMBER() OVER (PARTITION BY ${group}, ${provesDone} ORDER BY started_at DESC)`.as('done_rn')]).as('ranked'))
    .select('ranked.id')
    .where('ranked.status', 'not in', ['running', 'queued'])
    // The newest succeeded live run of an installation's workflow is what says its backfill is
    // done (lifecycle.ts, publish/state.ts): pruned, re-activation would replay the backfill.
    .where((w) => w.not(w.and([w('ranked.proves_done', '=', 1), w('ranked.done_rn', '=', 1)])))
    .where((w) => w.or([w('ranked.rn', '>', policy.keepRunsPerWorkflow), w('ranked.started_at', '<', cutoff)])))
    .executeTakeFirst();
  const runs = Number(deleted.numDeletedRows);
  let payloads = 0;
  if (runs > 0) {
    const gone = await database.deleteFrom('payloads').where('hash', 'not in', (eb) => eb
      .selectFrom('steps').select(refHash('input').as('h')).where('input', 'like', `${REF_PREFIX}%`)
      .union(eb.selectFrom('steps').select(refHash('output').as('h')).where('output', 'like', `${REF_PREFIX}%`)))
      .executeTakeFirst();
    payloads = Number(gone.numDeletedRows);
  }
  return { runs, payloads };
}

/**
 * Compacts the desktop's SQLite file: rebuilt (VACUUM, which holds the database for a while) when
 * much of it is free pages, and the WAL truncated. Skipped after each run's pruning: freed pages
 * are reused by the next runs anyway. Returns whether the file was rebuilt.
 */
export function compactSqlite(db: Db): boolean {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  let compacted = false;
  if (pages > 0 && free / pages > COMPACT_FREE_SHARE) {
    db.exec('VACUUM');
    compacted = true;
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return compacted;
}
