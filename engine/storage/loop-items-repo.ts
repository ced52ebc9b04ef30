import type { CompiledQuery, Kysely } from 'kysely';
import { BatchInsert } from './batch-insert';
import type { Tables } from './tables';
import { writeAtomically } from './write-atomically';

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

const upsertItems = new BatchInsert('loop_items', ['run_id', 'block_id', 'path', 'idx', 'result'],
  (q) => q.onConflict((oc) => oc.columns(['run_id', 'block_id', 'path', 'idx']).doUpdateSet((eb) => ({ result: eb.ref('excluded.result') }))));

/**
 * Per-item checkpoints of For Each loops. Rows are inserted by the journal writer in the same
 * transaction as the item's step rows, so "this item is done" is never on disk without its journal
 * (and vice versa); a resumed loop skips them. Dropped with the run's other checkpoints at its end.
 */
export class LoopItemsRepo {
  constructor(private readonly db: Kysely<Tables>) {}

  /** The upserts of `items`, for the journal to run in the transaction of the items' steps. */
  insertQueries(items: readonly EncodedItem[]): CompiledQuery[] {
    // One row per item (the last wins): PostgreSQL refuses an upsert that touches a row twice.
    const byKey = new Map(items.map((i) => [`${i.runId}\u0000${i.blockId}\u0000${i.path ?? '-'}\u0000${i.index}`,
      { run_id: i.runId, block_id: i.blockId, path: i.path ?? '-', idx: i.index, result: i.result }]));
    return upsertItems.compile(this.db, [...byKey.values()]);
  }

  async insertMany(items: readonly EncodedItem[]): Promise<void> {
    await writeAtomically(this.db, this.insertQueries(items));
  }

  /** index → result of the items of one loop (at one path) that already finished. */
  async finished(runId: string, blockId: string, path: string | null): Promise<Map<number, unknown>> {
    const rows = await this.db.selectFrom('loop_items').select(['idx', 'result'])
      .where('run_id', '=', runId).where('block_id', '=', blockId).where('path', '=', path ?? '-').execute();
    return new Map(rows.map((r) => [r.idx, r.result === null ? null : (JSON.parse(r.result) as unknown)]));
  }

  /** Hands a failed run's finished items to its re-run from the failed step. */
  async move(fromRunId: string, toRunId: string): Promise<void> {
    await this.db.updateTable('loop_items').set({ run_id: toRunId }).where('run_id', '=', fromRunId).execute();
  }

  async count(runId: string): Promise<number> {
    const row = await this.db.selectFrom('loop_items').select((eb) => eb.fn.countAll().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clear(runId: string): Promise<void> {
    await this.db.deleteFrom('loop_items').where('run_id', '=', runId).execute();
  }
}
