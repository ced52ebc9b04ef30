import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_COST, verifyPassword } from '../../secrets/password';
import { UsersStore } from '../../storage/users-store';
import { withEngine } from '../../testing/temp-engine';
import { SESSION_SECONDS } from './api-keys';
import { Users } from './users';

// Users over the contract and their sessions, on whichever database the run uses (SQLite, and
// PostgreSQL in the second run of vitest.pg.config.ts).

describe('users', () => {
  it('are added with a role and a hashed password, listed without it, and verified by name and password', async () => {
    await withEngine(async (engine) => {
      const added = await engine.call('users.add', { name: 'ada', role: 'admin', password: 'first admin passphrase' });
      expect(added).toMatchObject({ name: 'ada', role: 'admin', lastSignInAt: null });
      expect(JSON.stringify(await engine.call('users.list', {}))).not.toContain('passphrase');
      const [row] = await engine.context.database.selectFrom('users').select('password_hash').execute();
      expect(row?.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);

      expect(await engine.context.users.verify('ada', 'first admin passphrase')).toMatchObject({ name: 'ada', role: 'admin' });
      expect(await engine.context.users.verify('ada', 'first admin passphrasE')).toBeNull();
      expect(await engine.context.users.verify('nobody', 'first admin passphrase')).toBeNull();
      await expect(engine.call('users.add', { name: 'ada', role: 'viewer', password: 'another passphrase' })).rejects.toMatchObject({ code: 'user_name_taken' });
      await expect(engine.call('users.add', { name: 'bob', role: 'viewer', password: 'too short' })).rejects.toMatchObject({ code: 'password_too_short' });
      await expect(engine.call('users.passwd', { user: 'nobody', password: 'long enough passphrase' })).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  it('rehash a password made at a lower cost when its user next signs in, keeping it valid', async () => {
    await withEngine(async (engine) => {
      await engine.call('users.add', { name: 'otto', role: 'operator', password: 'operator passphrase' });
      // As a hash from a release with a lower cost would look.
      await engine.context.database.updateTable('users').set({ password_hash: await hashPassword('operator passphrase', { logN: 12, r: 8, p: 1 }) }).execute();
      expect(await engine.context.users.verify('otto', 'operator passphrase')).not.toBeNull();
      const [row] = await engine.context.database.selectFrom('users').select('password_hash').execute();
      expect(row?.password_hash.startsWith(`scrypt$${PASSWORD_COST.logN}$`)).toBe(true);
      expect(await verifyPassword('operator passphrase', row?.password_hash ?? '')).toBe(true);
    });
  });

  it('keep browser sessions for a working day, and end them on sign-out, a new password, or removal', async () => {
    await withEngine(async (engine) => {
      let now = new Date('2026-12-01T09:00:00.000Z');
      const users = new Users(new UsersStore(engine.context.database), () => now);
      const vera = await users.add('vera', 'viewer', 'viewer passphrase');
      const morning = await users.startSession(vera);
      expect(await users.sessionUser(morning)).toMatchObject({ name: 'vera', role: 'viewer', lastSignInAt: now.toISOString() });
      now = new Date(now.getTime() + SESSION_SECONDS * 1000);
      expect(await users.sessionUser(morning)).toBeNull();

      const noon = await users.startSession(vera);
      await users.endSession(noon);
      expect(await users.sessionUser(noon)).toBeNull();

      const afternoon = await users.startSession(vera);
      await users.setPassword('vera', 'a new viewer passphrase');
      expect(await users.sessionUser(afternoon)).toBeNull();

      const evening = await users.startSession(vera);
      await users.remove('vera');
      expect(await users.sessionUser(evening)).toBeNull();
      expect(await users.list()).toEqual([]);
    });
  });
});
