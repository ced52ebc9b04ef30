import type { CompiledQuery, Kysely } from 'kysely';
import { syncSqliteOf } from './kysely';
import type { Tables } from './tables';

/**
 * Runs compiled write queries as one transaction (or inside the caller's, when `k` is one). On the
 * engine's SQLite handle they run synchronously in a single better-sqlite3 transaction: the
 * journal commits a batch per event-loop turn and a batch per delivered item, and Kysely's async
 * transaction around them cost the run loop about a tenth of its speed. The queries are the ones
 * Kysely compiled, so both dialects run the same SQL.
 */
export async function writeAtomically(k: Kysely<Tables>, queries: readonly CompiledQuery[]): Promise<void> {
  if (queries.length === 0) return;
  const sync = syncSqliteOf(k);
  // An async Kysely transaction is open on the shared connection (between two of its awaits):
  // writing now would commit or roll back with it, so this write waits its turn through Kysely.
  if (sync && !sync.inTransaction()) {
    sync.runAtomically(queries);
    return;
  }
  if (k.isTransaction) {
    for (const q of queries) await k.executeQuery(q);
    return;
  }
  await k.transaction().execute(async (trx) => {
    for (const q of queries) await trx.executeQuery(q);
  });
}
