import type { Db } from './db';

/**
 * Per-step checkpoints, appended page by page while a block runs (e.g. a paged NetSuite fetch).
 * Each append is its own small transaction, so a crash loses at most the page in flight; a
 * resumed run reads them back and continues. They are dropped when the run ends, except when it
 * failed: a re-run from the failed step takes them over and continues after the last saved page.
 */
export class CheckpointsRepo {
  private readonly insert;
  /** Next seq per (run, block, iteration): appends need no MAX(seq) scan of what is already there. */
  private readonly nextSeq = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO step_checkpoints (run_id, block_id, iteration, seq, value) VALUES (?, ?, ?, ?, ?)`);
  }

  append(runId: string, blockId: string, iterationPath: string | null, value: unknown): void {
    const it = iterationPath ?? '-';
    const key = `${runId}\u0000${blockId}\u0000${it}`;
    let seq = this.nextSeq.get(key);
    if (seq === undefined) {
      const row = this.db.prepare(`SELECT MAX(seq) AS seq FROM step_checkpoints WHERE run_id = ? AND block_id = ? AND iteration = ?`).get(runId, blockId, it) as { seq: number | null };
      seq = (row.seq ?? -1) + 1;
    }
    this.insert.run(runId, blockId, it, seq, JSON.stringify(value));
    this.nextSeq.set(key, seq + 1);
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

  count(runId: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM step_checkpoints WHERE run_id = ?`).get(runId) as { n: number }).n;
  }

  clear(runId: string): void {
    this.db.prepare(`DELETE FROM step_checkpoints WHERE run_id = ?`).run(runId);
    for (const key of this.nextSeq.keys()) if (key.startsWith(`${runId}\u0000`)) this.nextSeq.delete(key);
  }
}
