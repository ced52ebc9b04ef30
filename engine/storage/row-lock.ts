import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Tables } from './tables';

/**
 * Inside a transaction: holds the row `id` of `table` until the transaction ends, so concurrent
 * transactions that read-then-write what hangs off that row take turns. On PostgreSQL (READ
 * COMMITTED) two of them would otherwise both read the same state and write on it; SQLite has one
 * writer and the engine's transactions already take turns on its one connection, so nothing to do.
 */
export async function lockRow(trx: Kysely<Tables>, table: keyof Tables & string, id: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockRow holds a row for a transaction: call it inside one');
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(trx);
}
