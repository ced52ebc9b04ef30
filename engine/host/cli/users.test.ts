import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { databaseEnv } from '../../testing/cli-database';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import type { CliIo } from './command';
import { main } from './main';

// `patchbay users`: the operator's way to create the first admin and the rest, on the data folder
// (on PostgreSQL the command finds the database in PATCHBAY_DATABASE_URL, as on a server).

let db: TestEngineDatabase;

async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: process.cwd(), env: databaseEnv(db), stdin: Readable.from([stdin]) };
  return { code: await main(argv, io), out, err };
}

describe('patchbay users', () => {
  it('adds a user with a password read from stdin or a file, lists them without it, changes it and removes the user', async () => {
    const dir = tempDir();
    db = await testDatabase();
    try {
      const added = await cli(['users', 'add', 'ada', '--role', 'admin', '--data-dir', dir.path], 'first admin passphrase\n');
      expect(added.code).toBe(0);
      expect(JSON.parse(added.out)).toMatchObject({ name: 'ada', role: 'admin', lastSignInAt: null });
      writeFileSync(join(dir.path, 'pw'), 'operator passphrase\n');
      expect((await cli(['users', 'add', 'otto', '--role', 'operator', '--password-file', join(dir.path, 'pw'), '--data-dir', dir.path])).code).toBe(0);

      const listed = await cli(['users', 'list', '--data-dir', dir.path]);
      expect((JSON.parse(listed.out) as { name: string; role: string }[]).map((u) => [u.name, u.role])).toEqual([['ada', 'admin'], ['otto', 'operator']]);
      expect(listed.out).not.toContain('passphrase');

      const changed = await cli(['users', 'passwd', 'otto', '--data-dir', dir.path], 'another operator passphrase\n');
      expect(changed.code).toBe(0);
      expect(changed.err).toContain("otto's browser sessions have ended");
      expect(JSON.parse((await cli(['users', 'remove', 'otto', '--data-dir', dir.path])).out)).toMatchObject({ name: 'otto' });
      expect(JSON.parse((await cli(['users', 'list', '--data-dir', dir.path])).out)).toHaveLength(1);
    } finally {
      await db.drop();
      dir.remove();
    }
  });

  it('refuses a password given as an argument, a short one, a missing role and a taken name, saying what to do', async () => {
    const dir = tempDir();
    db = await testDatabase();
    try {
      const flag = await cli(['users', 'add', 'eve', '--role', 'viewer', '--password', 'hunter2hunter2', '--data-dir', dir.path]);
      expect(flag.code).toBe(1);
      expect(JSON.parse(flag.err)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('shell history') as unknown });
      expect(flag.err).not.toContain('hunter2');
      expect(JSON.parse((await cli(['users', 'add', 'eve', '--role', 'viewer', '--data-dir', dir.path], 'short\n')).err)).toMatchObject({ code: 'password_too_short' });
      expect(JSON.parse((await cli(['users', 'add', 'eve', '--role', 'viewer', '--data-dir', dir.path], '')).err)).toMatchObject({ code: 'password_unreadable' });
      expect(JSON.parse((await cli(['users', 'add', 'eve', '--data-dir', dir.path], 'long enough passphrase\n')).err)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('--role viewer|operator|admin') as unknown });
      expect((await cli(['users', 'add', 'eve', '--role', 'viewer', '--data-dir', dir.path], 'long enough passphrase\n')).code).toBe(0);
      expect(JSON.parse((await cli(['users', 'add', 'eve', '--role', 'admin', '--data-dir', dir.path], 'long enough passphrase\n')).err)).toMatchObject({ code: 'user_name_taken' });
      expect(JSON.parse((await cli(['users', 'remove', 'nobody', '--data-dir', dir.path])).err)).toMatchObject({ code: 'not_found' });
    } finally {
      await db.drop();
      dir.remove();
    }
  });
});
