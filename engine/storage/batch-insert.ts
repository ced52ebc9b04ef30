import { CompiledQuery, type InsertQueryBuilder, type InsertResult, type Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import type { Tables } from './tables';

/** The most rows one statement carries (17 columns of steps: 4,352 values, under either dialect's limit). */
const MAX_ROWS = 256;

type Conflict<T extends keyof Tables> = (q: InsertQueryBuilder<Tables, T, InsertResult>) => InsertQueryBuilder<Tables, T, InsertResult>;

/**
 * A multi-row INSERT for the run-volume paths (journal rows, loop items, payloads), compiled once
 * per dialect and row count and then bound to each batch's values. Building Kysely's query tree
 * for every batch of 500 steps cost a tight loop a third of its speed. A batch is cut into chunks
 * of 256, 128, …, 1 rows, so a table has at most nine statement texts (each kept prepared). The
 * queries are run by `writeAtomically`, in one transaction with the rest of their batch.
 */
export class BatchInsert<T extends keyof Tables & string, C extends keyof Tables[T] & string> {
  /** Statement text by dialect (its adapter's class) and row count. */
  private readonly texts = new WeakMap<object, Map<number, string>>();

  constructor(private readonly table: T, private readonly columns: readonly C[], private readonly conflict?: Conflict<T>) {}

  compile(db: Kysely<Tables>, rows: readonly { readonly [K in C]: unknown }[]): CompiledQuery[] {
    const values: unknown[] = [];
    for (const row of rows) for (const c of this.columns) values.push(row[c]);
    return this.compileValues(db, values);
  }

  /** The rows' values one after another, each row's in column order (no object per row on the hot path). */
  compileValues(db: Kysely<Tables>, values: readonly unknown[]): CompiledQuery[] {
    const width = this.columns.length;
    const rows = values.length / width;
    const out: CompiledQuery[] = [];
    let at = 0;
    while (at < rows) {
      let n = MAX_ROWS;
      while (n > rows - at) n >>= 1;
      out.push(CompiledQuery.raw(this.text(db, n), values.slice(at * width, (at + n) * width)));
      at += n;
    }
    return out;
  }

  private text(db: Kysely<Tables>, rows: number): string {
    const dialect = db.getExecutor().adapter.constructor;
    let byCount = this.texts.get(dialect);
    if (!byCount) this.texts.set(dialect, (byCount = new Map()));
    const known = byCount.get(rows);
    if (known) return known;
    const sample = Object.fromEntries(this.columns.map((c) => [c, '']));
    let q = db.insertInto(this.table).values(Array.from({ length: rows }, () => sample) as never);
    if (this.conflict) q = this.conflict(q);
    const compiled = q.compile();
    // Each value must be a parameter, in column order, for the values passed to line up.
    if (compiled.parameters.length !== rows * this.columns.length) {
      throw new PatchbayError('internal', `The batch insert into ${this.table} compiled to ${compiled.parameters.length} parameters for ${rows} rows of ${this.columns.length}.`);
    }
    byCount.set(rows, compiled.sql);
    return compiled.sql;
  }
}
