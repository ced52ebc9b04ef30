import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../engine/host/cli/main';
import { startPostgres, type TempPostgres } from '../../engine/testing/postgres';
import { startRedis, type TempRedis } from '../../engine/testing/redis';
import { tempDir } from '../../engine/testing/temp-engine';

// `patchbay server` as an operator meets it after a reboot: PostgreSQL comes up after Patchbay,
// later goes away for a while. The server waits for it as a worker does, keeps no demo sandbox
// in the customers' database, and while PostgreSQL is down its API says so, not "internal".

const bin = fileURLToPath(new URL('../../bin/patchbay', import.meta.url));
let postgres: TempPostgres;
let redis: TempRedis;
beforeAll(async () => {
  postgres = await startPostgres();
  redis = await startRedis();
}, 60_000);
afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
});

const until = async (what: string, ok: () => boolean, ms = 45_000): Promise<void> => {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

it('waits for PostgreSQL to answer, seeds no demo data, and says database_unavailable while it is down', async () => {
  const database = await postgres.database();
  const dir = tempDir('patchbay-server-start-');
  await postgres.pause();
  const server = spawn(bin, ['server', '--data-dir', dir.path, '--database', database, '--redis', redis.url, '--auth', 'api-keys'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  server.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  server.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    await until('the server to say it waits', () => stderr.includes('is unavailable: retrying'));
    expect(server.exitCode, stderr).toBeNull();
    await postgres.start();
    await until('the server to listen', () => stdout.includes('"url"'));
    expect(stderr).toContain('is available again');
    expect(stderr).toContain(`data in ${database}`);

    const created = spawnSync(bin, ['apikeys', 'create', '--name', 'Ops', '--data-dir', dir.path, '--database', database], { encoding: 'utf8' });
    const { key } = JSON.parse(created.stdout) as { key: string };
    const { port } = JSON.parse(stdout.split('\n')[0] as string) as { port: number };
    // The bridge answers a call's result as the body, or an error payload with a 4xx/5xx status.
    const call = async (method: string): Promise<unknown> => {
      const res = await fetch(`http://127.0.0.1:${port}/api/call/${method}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' });
      return res.json();
    };
    expect(await call('connections.list'), 'a production server holds only what was published to it').toEqual([]);

    await postgres.pause();
    const down = (await call('connections.list')) as { code: string; message: string };
    expect(down.code).toBe('database_unavailable');
    expect(down.message).toContain('PostgreSQL');
    await postgres.start();
    expect(await call('connections.list')).toEqual([]);
  } finally {
    server.kill('SIGTERM');
    await exited;
    dir.remove();
  }
}, 120_000);

it('answers --help on a command with its usage', async () => {
  let out = '';
  const code = await main(['server', '--help'], { stdout: (t) => void (out += t), stderr: () => undefined, cwd: process.cwd(), env: {} });
  expect(code).toBe(0);
  expect(out).toContain('patchbay server --redis');
});
