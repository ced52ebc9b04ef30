import type { Db } from './db';

/** A For Each item whose body finished, as the journal writer commits it. */
export interface FinishedItem {
  readonly runId: string;
  readonly blockId: string;
  /** The enclosing loops' path ("2.0"), or null at top level. */
  readonly path: string | null;
  readonly index: number;
  readonly result: unknown;
}

/** A finished item as the journal writer stores it: its result already JSON text (and redacted). */
export type EncodedItem = Omit<FinishedItem, 'result'> & { readonly result: string | null };

/**
 * Per-item checkpoints of For Each loops. Rows are inserted by the journal writer in the same
 * transaction as the item's step rows, so "this item is done" is never on disk without its journal
 * (and vice versa); a resumed loop skips them. Dropped with the run's other checkpoints at its end.
 */
export class LoopItemsRepo {
  private readonly insert;
  private readonly select;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT OR REPLACE INTO loop_items (run_id, block_id, path, idx, result) VALUES (?, ?, ?, ?, ?)`);
    this.select = db.prepare(`SELECT idx, result FROM loop_items WHERE run_id = ? AND block_id = ? AND path = ?`);
  }

  /** Call inside the journal's transaction. */
  insertMany(items: readonly EncodedItem[]): void {
    for (const i of items) this.insert.run(i.runId, i.blockId, i.path ?? '-', i.index, i.result);
  }

  /** index → result of the items of one loop (at one path) that already finished. */
  finished(runId: string, blockId: string, path: string | null): Map<number, unknown> {
    const rows = this.select.all(runId, blockId, path ?? '-') as { idx: number; result: string | null }[];
    return new Map(rows.map((r) => [r.idx, r.result === null ? null : (JSON.parse(r.result) as unknown)]));
  }

  /** Hands a failed run's finished items to its re-run from the failed step. */
  move(fromRunId: string, toRunId: string): void {
    this.db.prepare(`UPDATE loop_items SET run_id = ? WHERE run_id = ?`).run(toRunId, fromRunId);
  }

  count(runId: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM loop_items WHERE run_id = ?`).get(runId) as { n: number }).n;
  }

  clear(runId: string): void {
    this.db.prepare(`DELETE FROM loop_items WHERE run_id = ?`).run(runId);
  }
}
