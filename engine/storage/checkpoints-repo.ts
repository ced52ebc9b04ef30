import type { Db } from './db';

/**
 * Per-step checkpoints, appended page by page while a block runs (e.g. a paged NetSuite fetch).
 * Each append is its own small transaction, so a crash loses at most the page in flight; a
 * resumed run reads them back and continues. They are dropped when the run ends, except when it
 * failed: a re-run from the failed step takes them over and continues after the last saved page.
 */
export class CheckpointsRepo {
  constructor(private readonly db: Db) {}

  append(runId: string, blockId: string, iterationPath: string | null, value: unknown): void {
    const it = iterationPath ?? '-';
    this.db.prepare(`INSERT INTO step_checkpoints (run_id, block_id, iteration, seq, value)
      VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM step_checkpoints WHERE run_id = ? AND block_id = ? AND iteration = ?), ?)`)
      .run(runId, blockId, it, runId, blockId, it, JSON.stringify(value));
  }

  load(runId: string, blockId: string, iterationPath: string | null): unknown[] {
    const rows = this.db.prepare(`SELECT value FROM step_checkpoints WHERE run_id = ? AND block_id = ? AND iteration = ? ORDER BY seq`)
      .all(runId, blockId, iterationPath ?? '-') as { value: string }[];
    return rows.map((r) => JSON.parse(r.value) as unknown);
  }

  /** Hands a failed run's pages to its re-run from the failed step. */
  move(fromRunId: string, toRunId: string): void {
    this.db.prepare(`UPDATE step_checkpoints SET run_id = ? WHERE run_id = ?`).run(toRunId, fromRunId);
  }

  clear(runId: string): void {
    this.db.prepare(`DELETE FROM step_checkpoints WHERE run_id = ?`).run(runId);
  }
}
