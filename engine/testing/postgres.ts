import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { collect, freePort, INSTALL_ADVICE, postgresBinDir, runToEnd, serviceDir, serviceUser, stopper, waitUntilReady } from './services';

// Test support: a throwaway PostgreSQL cluster (initdb into a temp dir, the server on a free
// loopback port), started by a suite's beforeAll and stopped by its afterAll.

export interface TempPostgres {
  /** The cluster's maintenance database (`postgres`), as superuser `patchbay`. */
  readonly url: string;
  /** Creates an empty database for one test and returns its URL, so tests never share a schema. */
  database(): Promise<string>;
  /** Stops the server but keeps its data, as an outage would; `start` brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `binDir`: where initdb and postgres are (default: the newest Debian install). */
export async function startPostgres(options: { binDir?: string } = {}): Promise<TempPostgres> {
  const bin = options.binDir ?? postgresBinDir();
  if (!bin || !existsSync(join(bin, 'initdb'))) throw new Error(`PostgreSQL's server binaries are missing (no /usr/lib/postgresql/<version>/bin/initdb). ${INSTALL_ADVICE}`);
  const user = serviceUser('postgres');
  const dir = serviceDir('patchbay-pg-', user);
  const asUser = { cwd: dir.path, ...(user ? { uid: user.uid, gid: user.gid } : {}) };
  const data = join(dir.path, 'data');
  try {
    // Trust auth on loopback only; no fsync: a test cluster's data may be lost on a crash.
    await runToEnd(join(bin, 'initdb'), ['-D', data, '-U', 'patchbay', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], asUser);
    const port = await freePort();
    const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir.path, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', shared_buffers: '32MB', max_connections: '100' };
    const url = `postgres://patchbay@127.0.0.1:${port}/postgres`;
    const serve = async (): Promise<() => Promise<void>> => {
      const child = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])], { ...asUser, stdio: ['ignore', 'pipe', 'pipe'] });
      const output = collect(child);
      // SIGINT is PostgreSQL's fast shutdown: open sessions are ended rather than waited for.
      const stop = stopper(child, 'SIGINT');
      try {
        await waitUntilReady(child, output, 'PostgreSQL', () => canQuery(url));
      } catch (e) {
        await stop();
        throw e;
      }
      return stop;
    };
    let stopServer: (() => Promise<void>) | null = await serve();
    return {
      url,
      database: () => createDatabase(url),
      async pause() {
        await stopServer?.();
        stopServer = null;
      },
      async start() {
        stopServer ??= await serve();
      },
      async stop() {
        await stopServer?.();
        stopServer = null;
        dir.remove();
      },
    };
  } catch (e) {
    dir.remove();
    throw e;
  }
}

/**
 * A fresh, empty database on the cluster whose maintenance database is at `clusterUrl`, with a
 * random name: test files running at once in several processes share one cluster.
 */
export async function createDatabase(clusterUrl: string): Promise<string> {
  const name = `test_${randomBytes(8).toString('hex')}`;
  await withClient(clusterUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database `createDatabase` made, ending what is still connected to it. */
export async function dropDatabase(clusterUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^test_[0-9a-f]+$/.test(name)) throw new Error(`${name} is not a test database`);
  await withClient(clusterUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function canQuery(url: string): Promise<boolean> {
  try {
    await withClient(url, (c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
