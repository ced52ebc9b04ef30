import type { PatchbayError } from '../errors/patchbay-error';

/** The database refused a row whose unique key is taken, on either dialect (pg's SQLSTATE, better-sqlite3's code). */
function isUniqueViolation(e: unknown): boolean {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Awaits an insert guarded by a check-then-insert: two requests at once (a double-click) both pass
 * the check, and the second insert hits the unique key. It then gets `taken()`, the error the check
 * itself gives, instead of the database's raw one.
 */
export async function insertUnique<T>(insert: Promise<T>, taken: () => PatchbayError): Promise<T> {
  try {
    return await insert;
  } catch (e) {
    throw isUniqueViolation(e) ? taken() : e;
  }
}
