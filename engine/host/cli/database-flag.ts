import { PatchbayError } from '../../errors/patchbay-error';
import { redactDatabaseUrl } from '../../storage/postgres';

/** `--database` (or PATCHBAY_DATABASE_URL): a server's PostgreSQL; absent, the data folder's SQLite file. */
export function databaseFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new PatchbayError('invalid_database_url', `--database takes a postgres:// URL, not "${redactDatabaseUrl(value)}"; leave it out to use the data folder's SQLite file.`);
  }
  return value;
}
