import type { Kysely } from 'kysely';
import type { Tables } from './tables';

/**
 * Runs `work` in a transaction, or inside the caller's when `k` already is one (a bundle import
 * creates workflows, whose own write of row + first revision must not open a second transaction:
 * Kysely refuses nested ones).
 */
export function atomically<T>(k: Kysely<Tables>, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return k.isTransaction ? work(k) : k.transaction().execute(work);
}
