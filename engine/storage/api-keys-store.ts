import type { Kysely } from 'kysely';
import type { Role } from '../shared/roles';
import type { Tables } from './tables';
import { storedRole } from './users-store';

export interface ApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly role: Role;
}

/** A key's row with its stored digest, for the one caller that compares it. */
export interface ApiKeyWithHash extends ApiKeyRow {
  readonly keyHash: string;
}

interface Row { id: string; name: string; prefix: string; key_hash: string; created_at: string; last_used_at: string | null; revoked_at: string | null; role: string }

function fromRow(r: Row): ApiKeyWithHash {
  return { id: r.id, name: r.name, prefix: r.prefix, keyHash: r.key_hash, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at, role: storedRole(r.role) };
}

function withoutHash({ keyHash: _hash, ...row }: ApiKeyWithHash): ApiKeyRow {
  return row;
}

/**
 * API keys and the browser sessions signed in with them, async over Kysely so the same code runs on
 * SQLite (desktop, CLI) and PostgreSQL (`patchbay server`). Only digests are stored, never a key
 * or a session token.
 */
export class ApiKeysStore {
  constructor(private readonly k: Kysely<Tables>) {}

  async insert(key: { id: string; name: string; prefix: string; keyHash: string; role: Role; createdAt: string }): Promise<ApiKeyRow> {
    await this.k.insertInto('api_keys').values({ id: key.id, name: key.name, prefix: key.prefix, key_hash: key.keyHash, role: key.role, created_at: key.createdAt }).execute();
    return { id: key.id, name: key.name, prefix: key.prefix, createdAt: key.createdAt, lastUsedAt: null, revokedAt: null, role: key.role };
  }

  async list(): Promise<ApiKeyRow[]> {
    const rows = await this.k.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => withoutHash(fromRow(r)));
  }

  async byPrefix(prefix: string): Promise<ApiKeyWithHash | null> {
    const row = await this.k.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** Keys not revoked whose id or name is `idOrName`. */
  async findActive(idOrName: string): Promise<ApiKeyRow[]> {
    const rows = await this.k.selectFrom('api_keys').selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .where('revoked_at', 'is', null)
      .execute();
    return rows.map((r) => withoutHash(fromRow(r)));
  }

  async touch(id: string, at: string): Promise<void> {
    await this.k.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** Marks the key revoked and ends its browser sessions, in one transaction. */
  async revoke(id: string, at: string): Promise<void> {
    await this.k.transaction().execute(async (tx) => {
      await tx.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      await tx.deleteFrom('api_key_sessions').where('api_key_id', '=', id).execute();
    });
  }

  async insertSession(session: { tokenHash: string; apiKeyId: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.k.insertInto('api_key_sessions')
      .values({ token_hash: session.tokenHash, api_key_id: session.apiKeyId, created_at: session.createdAt, expires_at: session.expiresAt })
      .execute();
  }

  /** The key a live session belongs to; null for an unknown, expired or revoked one. */
  async sessionKey(tokenHash: string, now: string): Promise<ApiKeyRow | null> {
    const row = await this.k.selectFrom('api_key_sessions as s')
      .innerJoin('api_keys as k', 'k.id', 's.api_key_id')
      .selectAll('k')
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? withoutHash(fromRow(row)) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.k.deleteFrom('api_key_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.k.deleteFrom('api_key_sessions').where('expires_at', '<=', now).execute();
  }
}
