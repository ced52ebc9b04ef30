import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../storage/migrations';
import { startPostgres, withClient, type TempPostgres } from '../../testing/postgres';
import { freePort } from '../../testing/services';
import { tempDir } from '../../testing/temp-engine';
import type { CliIo } from './command';
import { main } from './main';

const latest = migrations[migrations.length - 1]?.version ?? 0;

let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: process.cwd(), env };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('patchbay migrate', () => {
  it('creates the schema on an empty PostgreSQL database, then finds nothing left to do', async () => {
    const url = await cluster.database();
    const first = await cli(['migrate', '--database', url]);
    expect(first).toMatchObject({ code: 0, err: `Migrated the database from schema 0 to ${latest}.\n` });
    expect(JSON.parse(first.out)).toEqual({ database: url, from: 0, to: latest });
    const tables = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0]);
    expect(tables).toEqual({ n: 29 }); // the engine's 28 tables and the migration ledger

    const again = await cli(['migrate'], { PATCHBAY_DATABASE_URL: url });
    expect(again).toMatchObject({ code: 0, err: `The database is already at schema ${latest}.\n` });
    expect(JSON.parse(again.out)).toEqual({ database: url, from: latest, to: latest });
  });

  it("lets the data-folder commands work on a server database: an API key created there is found from another machine's folder", async () => {
    const url = await cluster.database();
    const created = await cli(['apikeys', 'create', '--name', 'Ops', '--data-dir', tempDir().path, '--database', url]);
    expect(created.code).toBe(0);
    // Another machine's folder, the same database: the key is there, not in either SQLite file.
    const listed = await cli(['apikeys', 'list', '--data-dir', tempDir().path], { PATCHBAY_DATABASE_URL: url });
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ name: 'Ops' })]);
    const local = await cli(['apikeys', 'list', '--data-dir', tempDir().path]);
    expect(JSON.parse(local.out)).toEqual([]);
  });

  it('says what is wrong with the address, never printing its password', async () => {
    const port = await freePort();
    const unreachable = await cli(['migrate', '--database', `postgres://patchbay:s3cret@127.0.0.1:${port}/patchbay?password=s3cret`]);
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.err)).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining(`postgres://patchbay:***@127.0.0.1:${port}/patchbay?password=***`) });

    const noSuchDatabase = await cli(['migrate', '--database', `${cluster.url.replace('patchbay@', 'patchbay:s3cret@').replace(/\/postgres$/, '/nope')}`]);
    expect(JSON.parse(noSuchDatabase.err)).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('database "nope" does not exist') });

    const notPostgres = await cli(['migrate', '--database', 'mysql://root:s3cret@db/patchbay?sslpassword=s3cret']);
    expect(JSON.parse(notPostgres.err)).toMatchObject({ code: 'invalid_database_url' });

    const missing = await cli(['migrate']);
    expect(JSON.parse(missing.err)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('--database postgres://') });
    for (const r of [unreachable, noSuchDatabase, notPostgres]) expect(r.out + r.err).not.toContain('s3cret');
  });
});
