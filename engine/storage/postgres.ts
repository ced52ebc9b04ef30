import pg from 'pg';
import { z } from 'zod';
import { PatchbayError } from '../errors/patchbay-error';
import { migratePg } from './migrations';

// The server's database: PostgreSQL, reached by URL. Today this opens a connection and migrates
// it; the repositories move onto it over Kysely next (ARCHITECTURE.md, "Production runner").

const postgresUrl = z.string().refine((s) => /^postgres(ql)?:\/\//.test(s) && URL.canParse(s));

/** The URL as it may be shown: its password never appears in logs, errors or output. */
export function redactDatabaseUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparseable address)';
  const u = new URL(url);
  if (u.password) u.password = '***';
  // pg also takes a password as a query parameter (?password=…, ?sslpassword=…).
  for (const key of [...u.searchParams.keys()]) if (/password/i.test(key)) u.searchParams.set(key, '***');
  return u.toString();
}

/** Opens one connection (a Client, not a Pool: migrations hold a session-level lock). */
export async function connectPostgres(url: string): Promise<pg.Client> {
  if (!postgresUrl.safeParse(url).success) {
    throw new PatchbayError('invalid_database_url', `"${redactDatabaseUrl(url)}" is not a PostgreSQL address; pass --database postgres://user:password@host:5432/patchbay.`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops must not crash the process with an unhandled 'error'.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const reason = e instanceof Error ? e.message : String(e);
    throw new PatchbayError('database_unavailable', `Could not open PostgreSQL at ${redactDatabaseUrl(url)}: ${reason}. Check that the server runs and that the address, user and password are right.`, { database: redactDatabaseUrl(url) });
  }
  return client;
}

/** Brings the database at `url` to this Patchbay's schema; returns the versions before and after. */
export async function migratePostgresUrl(url: string): Promise<{ from: number; to: number }> {
  const client = await connectPostgres(url);
  try {
    return await migratePg(client);
  } finally {
    await client.end();
  }
}
