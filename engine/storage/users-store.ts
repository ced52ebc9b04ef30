import type { Kysely } from 'kysely';
import { isRole, type Role } from '../shared/roles';
import type { Tables } from './tables';

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly passwordChangedAt: string;
  readonly lastSignInAt: string | null;
}

/** A user's row with its password hash, for the one caller that verifies it. */
export interface UserWithHash extends UserRow {
  readonly passwordHash: string;
}

interface Row { id: string; name: string; role: string; password_hash: string; created_at: string; password_changed_at: string; last_sign_in_at: string | null }

/** A role the code does not know (written by hand, or by a newer Patchbay) grants the least. */
export function storedRole(text: string): Role {
  return isRole(text) ? text : 'viewer';
}

function fromRow(r: Row): UserWithHash {
  return { id: r.id, name: r.name, role: storedRole(r.role), passwordHash: r.password_hash, createdAt: r.created_at, passwordChangedAt: r.password_changed_at, lastSignInAt: r.last_sign_in_at };
}

function withoutHash({ passwordHash: _hash, ...row }: UserWithHash): UserRow {
  return row;
}

/**
 * Server users and their browser sessions, over Kysely (SQLite and PostgreSQL). Passwords are
 * stored only as scrypt hashes, session tokens only as digests.
 */
export class UsersStore {
  constructor(private readonly k: Kysely<Tables>) {}

  async insert(user: { id: string; name: string; role: Role; passwordHash: string; at: string }): Promise<UserRow> {
    await this.k.insertInto('users').values({ id: user.id, name: user.name, role: user.role, password_hash: user.passwordHash, created_at: user.at, password_changed_at: user.at }).execute();
    return { id: user.id, name: user.name, role: user.role, createdAt: user.at, passwordChangedAt: user.at, lastSignInAt: null };
  }

  async list(): Promise<UserRow[]> {
    const rows = await this.k.selectFrom('users').selectAll().orderBy('name').execute();
    return rows.map((r) => withoutHash(fromRow(r)));
  }

  /** The user whose id or name is `idOrName`. */
  async find(idOrName: string): Promise<UserWithHash | null> {
    const row = await this.k.selectFrom('users').selectAll()
      .where((eb) => eb.or([eb('name', '=', idOrName), eb('id', '=', idOrName)]))
      .orderBy('name')
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async byName(name: string): Promise<UserWithHash | null> {
    const row = await this.k.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** A new password ends the user's browser sessions: whoever knew the old one is signed out. */
  async setPassword(id: string, passwordHash: string, at: string): Promise<void> {
    await this.k.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: at }).where('id', '=', id).execute();
      await tx.deleteFrom('user_sessions').where('user_id', '=', id).execute();
    });
  }

  /** The same password hashed at a higher cost (sessions stay). */
  async rehash(id: string, passwordHash: string): Promise<void> {
    await this.k.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async signedIn(id: string, at: string): Promise<void> {
    await this.k.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.k.transaction().execute(async (tx) => {
      await tx.deleteFrom('user_sessions').where('user_id', '=', id).execute();
      await tx.deleteFrom('users').where('id', '=', id).execute();
    });
  }

  async insertSession(session: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.k.insertInto('user_sessions')
      .values({ token_hash: session.tokenHash, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt })
      .execute();
  }

  /** The user a live session belongs to; null for an unknown or expired one. */
  async sessionUser(tokenHash: string, now: string): Promise<UserRow | null> {
    const row = await this.k.selectFrom('user_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    return row ? withoutHash(fromRow(row)) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.k.deleteFrom('user_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.k.deleteFrom('user_sessions').where('expires_at', '<=', now).execute();
  }
}
