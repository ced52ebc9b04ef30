import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseArgs } from '../../testing/cli-database';
import { freePort } from '../../testing/services';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import type { CliIo } from './command';
import { serveCommand } from './serve';

// On PostgreSQL, `serve --database` keeps everything there; the data dir holds the keys.
const dir = tempDir();
let db: TestEngineDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
  dir.remove();
});

it('prints the address with its session token once, on stdout as JSON, and keeps its data where --database says, whatever the environment says', async () => {
  let stdout = '';
  let stderr = '';
  // The desktop app starts `serve` with the user's environment: a server's address there is not its database.
  const env = { PATCHBAY_DATABASE_URL: 'postgres://patchbay@127.0.0.1:1/not_the_desktops' };
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir.path, env };
  const running = serveCommand.run(['--data-dir', dir.path, ...databaseArgs(db)], io);
  for (let i = 0; i < 400 && !stdout.includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
  const printed = JSON.parse(stdout) as { url: string; port: number };
  const token = new URL(printed.url).searchParams.get('token') ?? '';
  expect(token.length).toBeGreaterThan(20);
  expect(`${stdout}${stderr}`.split(token).length - 1).toBe(1);
  expect(stderr).toMatch(/Open the "url" printed above/);
  process.emit('SIGINT');
  expect(await running).toBe(0);
  // Its data in the data folder's SQLite file, or (--database) in PostgreSQL only.
  expect(existsSync(join(dir.path, 'patchbay.db'))).toBe(db.option.database === undefined);
}, 30_000);

it('refuses to listen beyond loopback without API keys, before starting anything', async () => {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: dir.path, env: {} };
  await expect(serveCommand.run(['--data-dir', dir.path, '--host', '0.0.0.0'], io)).rejects.toMatchObject({ code: 'listen_needs_auth' });
  await expect(serveCommand.run(['--data-dir', dir.path, '--auth', 'passwords'], io)).rejects.toMatchObject({ code: 'bad_request' });
});

it('says a --database it cannot reach is unavailable, without its password', async () => {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: dir.path, env: {} };
  const refused = await serveCommand.run(['--data-dir', dir.path, '--database', `postgres://patchbay:s3cret@127.0.0.1:${await freePort()}/patchbay`], io).then(() => null, (e: unknown) => e);
  expect(refused).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('postgres://patchbay:***@127.0.0.1:') });
  expect(JSON.stringify(refused)).not.toContain('s3cret');
  expect((refused as Error).message).not.toContain('s3cret');
});

it('with --auth api-keys makes the key pair for published credentials on first start, 0600 beside the master key, and keeps it', async () => {
  const server = tempDir();
  const serverDb = await testDatabase();
  try {
    const start = async (): Promise<void> => {
      let stdout = '';
      const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: server.path, env: {} };
      const running = serveCommand.run(['--data-dir', server.path, ...databaseArgs(serverDb), '--auth', 'api-keys'], io);
      for (let i = 0; i < 400 && !stdout.includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
      process.emit('SIGINT');
      expect(await running).toBe(0);
    };
    await start();
    const keyFile = join(server.path, 'server-key.pem');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const first = readFileSync(keyFile, 'utf8');
    expect(first).toMatch(/BEGIN PRIVATE KEY/);
    await start();
    expect(readFileSync(keyFile, 'utf8')).toBe(first);
  } finally {
    await serverDb.drop();
    server.remove();
  }
}, 60_000);
