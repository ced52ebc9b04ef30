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

/** A For Each item about to have effects outside the run (see `startedQueries`). */
export type StartedItem = Omit<FinishedItem, 'result'>;

/** What a resumed loop finds of one loop's items (at one path). */
export interface LoopItemsFound {
  /** index → result of the items whose body finished. */
  readonly finished: Map<number, unknown>;
  /** Items that started their effects and did not finish: their delivery may or may not have happened. */
  readonly inDoubt: ReadonlySet<number>;
}

const upsertItems = new BatchInsert('loop_items', ['run_id', 'block_id', 'path', 'idx', 'result', 'state'],
  (q) => q.onConflict((oc) => oc.columns(['run_id', 'block_id', 'path', 'idx']).doUpdateSet((eb) => ({ result: eb.ref('excluded.result'), state: eb.ref('excluded.state') }))));

// An item started again after a crash keeps its row as it is (still started).
const insertStartedItems = new BatchInsert('loop_items', ['run_id', 'block_id', 'path', 'idx', 'result', 'state'],
  (q) => q.onConflict((oc) => oc.columns(['run_id', 'block_id', 'path', 'idx']).doNothing()));

const itemKey = (i: StartedItem): string => `${i.runId}\u0000${i.blockId}\u0000${i.path ?? '-'}\u0000${i.index}`;

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
    const byKey = new Map(items.map((i) => [itemKey(i),
      { run_id: i.runId, block_id: i.blockId, path: i.path ?? '-', idx: i.index, result: i.result, state: 'finished' }]));
    return upsertItems.compile(this.db, [...byKey.values()]);
  }

  async insertMany(items: readonly EncodedItem[]): Promise<void> {
    await writeAtomically(this.db, this.insertQueries(items));
  }

  /**
   * The inserts recording items as started before they send anything (intent before effect), for
   * the journal's transaction. A crash between their commit and the items' `insertQueries` leaves
   * them in doubt, and the resumed run reconciles them instead of sending them blindly. An item
   * already recorded (started, or finished in the same batch) keeps its row.
   */
  startedQueries(items: readonly StartedItem[]): CompiledQuery[] {
    const byKey = new Map(items.map((i) => [itemKey(i), { run_id: i.runId, block_id: i.blockId, path: i.path ?? '-', idx: i.index, result: null, state: 'started' }]));
    return insertStartedItems.compile(this.db, [...byKey.values()]);
  }

  /** The items of one loop (at one path) that finished, and those left in doubt by an interruption. */
  async found(runId: string, blockId: string, path: string | null): Promise<LoopItemsFound> {
    const rows = await this.db.selectFrom('loop_items').select(['idx', 'result', 'state'])
      .where('run_id', '=', runId).where('block_id', '=', blockId).where('path', '=', path ?? '-').execute();
    const finished = new Map<number, unknown>();
    const inDoubt = new Set<number>();
    for (const r of rows) {
      if (r.state === 'started') inDoubt.add(r.idx);
      else finished.set(r.idx, r.result === null ? null : (JSON.parse(r.result) as unknown));
    }
    return { finished, inDoubt };
  }

  /** index → result of the items of one loop (at one path) that already finished. */
  async finished(runId: string, blockId: string, path: string | null): Promise<Map<number, unknown>> {
    return (await this.found(runId, blockId, path)).finished;
  }

  /** Hands a failed run's finished items to its re-run from the failed step. */
  async move(fromRunId: string, toRunId: string): Promise<void> {
    await this.db.updateTable('loop_items').set({ run_id: toRunId }).where('run_id', '=', fromRunId).execute();
  }

  /** Finished items (a crash's progress mark; items only started are not progress). */
  async count(runId: string): Promise<number> {
    const row = await this.db.selectFrom('loop_items').select((eb) => eb.fn.countAll().as('n')).where('run_id', '=', runId).where('state', '=', 'finished').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clear(runId: string): Promise<void> {
    await this.db.deleteFrom('loop_items').where('run_id', '=', runId).execute();
  }
}
