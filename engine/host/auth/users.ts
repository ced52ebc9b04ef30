import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../../errors/patchbay-error';
import { digest, generateSessionToken } from '../../secrets/api-key';
import { hashPassword, needsRehash, verifyNobody, verifyPassword } from '../../secrets/password';
import type { Role } from '../../shared/roles';
import type { UserRow, UsersStore } from '../../storage/users-store';
import { SESSION_SECONDS } from './api-keys';

/** NIST asks for at least 8; a server's accounts guard customers' ERP credentials, so 12. */
export const MIN_PASSWORD_LENGTH = 12;
/** scrypt's work does not grow with length, but a megabyte "password" is still refused. */
const MAX_PASSWORD_LENGTH = 1024;

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new PatchbayError('password_too_short', `Passwords are ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; this one has ${password.length}. A passphrase of a few words is easy to type and hard to guess.`, { min: MIN_PASSWORD_LENGTH });
  }
}

/** Adding, listing and removing server users, their passwords, and their browser sessions. */
export class Users {
  constructor(private readonly store: UsersStore, private readonly now: () => Date = () => new Date()) {}

  async add(name: string, role: Role, password: string): Promise<UserRow> {
    checkPassword(password);
    if (await this.store.byName(name)) {
      throw new PatchbayError('user_name_taken', `A user named "${name}" already exists; choose another name, or set a new password with \`patchbay users passwd ${name}\`.`, { name });
    }
    return this.store.insert({ id: randomUUID(), name, role, passwordHash: await hashPassword(password), at: this.now().toISOString() });
  }

  list(): Promise<UserRow[]> {
    return this.store.list();
  }

  async remove(idOrName: string): Promise<UserRow> {
    const user = await this.existing(idOrName);
    await this.store.remove(user.id);
    return user;
  }

  /** Sets a new password and signs the user out everywhere. */
  async setPassword(idOrName: string, password: string): Promise<UserRow> {
    checkPassword(password);
    const user = await this.existing(idOrName);
    const at = this.now().toISOString();
    await this.store.setPassword(user.id, await hashPassword(password), at);
    return { ...user, passwordChangedAt: at };
  }

  /**
   * The user whose name and password these are, or null; an unknown name takes as long as a wrong
   * password, so the answer does not tell which of the two was wrong.
   */
  async verify(name: string, password: string): Promise<UserRow | null> {
    const user = await this.store.byName(name);
    if (!user) return verifyNobody(password).then(() => null);
    if (!(await verifyPassword(password, user.passwordHash))) return null;
    if (needsRehash(user.passwordHash)) await this.store.rehash(user.id, await hashPassword(password));
    const { passwordHash: _hash, ...row } = user;
    return row;
  }

  async startSession(user: { readonly id: string }): Promise<string> {
    const now = this.now();
    const session = generateSessionToken();
    await this.store.deleteExpiredSessions(now.toISOString());
    await this.store.insertSession({ tokenHash: session.hash, userId: user.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString() });
    await this.store.signedIn(user.id, now.toISOString());
    return session.token;
  }

  /** The user behind a session cookie, or null (unknown, expired, removed, or signed out by a new password). */
  sessionUser(token: string): Promise<UserRow | null> {
    return this.store.sessionUser(digest(token), this.now().toISOString());
  }

  endSession(token: string): Promise<void> {
    return this.store.deleteSession(digest(token));
  }

  private async existing(idOrName: string): Promise<UserRow> {
    const found = await this.store.find(idOrName);
    if (!found) throw new PatchbayError('not_found', `No user has the name or id "${idOrName}"; \`patchbay users list\` shows them.`, { user: idOrName });
    const { passwordHash: _hash, ...user } = found;
    return user;
  }
}
