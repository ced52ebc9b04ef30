import { PatchbayError } from '../errors/patchbay-error';
import type { Db } from '../storage/db';
import { describeDatabase, type OpenedDatabase } from '../storage/database-spec';

// Issue 15, step 1: the repositories move from better-sqlite3 to Kysely one at a time. Until
// every one has, the engine (and a run worker, and `patchbay worker`) needs the synchronous
// SQLite handle (`context.db`) for those left, so on PostgreSQL it refuses to start, naming them.

/**
 * What still reads or writes through `context.db`. Remove an entry when it is async over Kysely;
 * when the list is empty, `context.db` has no user left: delete it and this guard.
 */
export const notYetOnPostgres: readonly string[] = ['RunsRepo', 'CheckpointsRepo', 'LoopItemsRepo', 'StateRepo', 'pruneRuns (storage/retention.ts)'];

/** The SQLite handle for what `notYetOnPostgres` lists; on PostgreSQL, closes it and throws `postgres_not_ready`. */
export async function sqliteForUnconverted(opened: OpenedDatabase): Promise<Db> {
  if (opened.sqlite) return opened.sqlite;
  await opened.close();
  throw new PatchbayError(
    'postgres_not_ready',
    `The engine cannot run on PostgreSQL (${describeDatabase(opened.spec)}) yet: ${notYetOnPostgres.join(', ')} still work only on SQLite. Leave out --database to use the data folder's SQLite file.`,
    { notYetOnPostgres },
  );
}
