import { spawn } from 'node:child_process';
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
    const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir.path, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', shared_buffers: '32MB', max_connections: '40' };
    const child = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])], { ...asUser, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collect(child);
    // SIGINT is PostgreSQL's fast shutdown: open sessions are ended rather than waited for.
    const stop = stopper(child, 'SIGINT');
    const url = `postgres://patchbay@127.0.0.1:${port}/postgres`;
    try {
      await waitUntilReady(child, output, 'PostgreSQL', () => canQuery(url));
    } catch (e) {
      await stop();
      throw e;
    }
    let databases = 0;
    return {
      url,
      async database() {
        const name = `test_${++databases}`;
        await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
        return `postgres://patchbay@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        await stop();
        dir.remove();
      },
    };
  } catch (e) {
    dir.remove();
    throw e;
  }
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
