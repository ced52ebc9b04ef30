import pg from 'pg';
import { z } from 'zod';
import { PatchbayError } from '../errors/patchbay-error';
import { migratePg } from './migrations';

// The server's database: PostgreSQL, reached by URL (ARCHITECTURE.md, "Production runner").

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

function checkUrl(url: string): void {
  if (!postgresUrl.safeParse(url).success) {
    throw new PatchbayError('invalid_database_url', `"${redactDatabaseUrl(url)}" is not a PostgreSQL address; pass --database postgres://user:password@host:5432/patchbay.`);
  }
}

/** SQLSTATE classes and socket errors that mean the server is gone or refuses sessions, not that a query is wrong. */
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

/** True when `e` says PostgreSQL cannot be reached (down, restarting, out of connections), as opposed to a bad query. */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (e instanceof PatchbayError) return e.code === 'database_unavailable';
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableCodes.has(code)) return true;
  // pg's own words when a socket closes or a connect attempt times out (no code on these).
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message);
}

/** `e` as `database_unavailable` when it is one (what to do included, password left out); other errors unchanged. */
export function asDatabaseUnavailable(e: unknown, url: string): unknown {
  if (!isDatabaseUnavailable(e) || e instanceof PatchbayError) return e;
  const reason = redactString(e instanceof Error ? e.message : String(e), url);
  return new PatchbayError('database_unavailable', `PostgreSQL at ${redactDatabaseUrl(url)} is unavailable (${reason}). Check that the server runs and that the address, user and password are right.`, { database: redactDatabaseUrl(url) });
}

/** A password could only reach a message by quoting the URL: take it out wherever it appears. */
function redactString(text: string, url: string): string {
  const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
  return password ? text.split(password).join('***') : text;
}

function cannotOpen(e: unknown, url: string): PatchbayError {
  const reason = redactString(e instanceof Error ? e.message : String(e), url);
  return new PatchbayError('database_unavailable', `Could not open PostgreSQL at ${redactDatabaseUrl(url)}: ${reason}. Check that the server runs and that the address, user and password are right.`, { database: redactDatabaseUrl(url) });
}

/** Opens one connection (a Client, not a Pool: migrations hold a session-level lock). */
export async function connectPostgres(url: string): Promise<pg.Client> {
  checkUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops must not crash the process with an unhandled 'error'.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw cannotOpen(e, url);
  }
  return client;
}

/**
 * The engine's pool on `url`, migrated to this Patchbay's schema. An idle client's error (the
 * server restarted) goes to `onError` instead of crashing the process; the pool replaces it.
 */
export async function openPostgresPool(url: string, onError: (e: Error) => void): Promise<pg.Pool> {
  checkUrl(url);
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000, max: 10 });
  pool.on('error', onError);
  // The pool listens only to idle clients: one checked out (a transaction between two queries)
  // whose server goes away would otherwise throw an uncaught 'error' and end the process. Its
  // next query fails instead, which the caller sees as database_unavailable.
  pool.on('connect', (client) => client.on('error', onError));
  try {
    const client = await pool.connect().catch((e: unknown) => {
      throw cannotOpen(e, url);
    });
    try {
      await migratePg(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw asDatabaseUnavailable(e, url);
  }
  return pool;
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
