import { randomUUID } from 'node:crypto';
import { PatchbayError } from '../../errors/patchbay-error';
import { apiKeyPrefix, generateApiKey, generateSessionToken, digest, matchesDigest } from '../../secrets/api-key';
import type { Role } from '../../shared/roles';
import type { ApiKeyRow, ApiKeysStore } from '../../storage/api-keys-store';

/** How long a browser stays signed in after pasting a key: a working day. */
export const SESSION_SECONDS = 12 * 60 * 60;
/** last_used_at is rewritten at most this often, so authenticating is not a write per request. */
const TOUCH_EVERY_MS = 60_000;

export type Verdict = { readonly ok: true; readonly key: ApiKeyRow } | { readonly ok: false; readonly code: 'api_key_invalid' | 'api_key_revoked' };

/** Creating, listing and revoking API keys, and checking the keys and sessions requests present. */
export class ApiKeys {
  constructor(private readonly store: ApiKeysStore, private readonly now: () => Date = () => new Date()) {}

  async create(name: string, role: Role = 'admin'): Promise<ApiKeyRow & { key: string }> {
    if ((await this.store.findActive(name)).some((k) => k.name === name)) {
      throw new PatchbayError('api_key_name_taken', `An API key named "${name}" already exists; choose another name, or revoke that key first (\`patchbay apikeys revoke ${name}\`).`, { name });
    }
    const fresh = generateApiKey();
    const row = await this.store.insert({ id: randomUUID(), name, prefix: fresh.prefix, keyHash: fresh.hash, role, createdAt: this.now().toISOString() });
    return { ...row, key: fresh.key };
  }

  list(): Promise<ApiKeyRow[]> {
    return this.store.list();
  }

  async revoke(idOrName: string): Promise<ApiKeyRow> {
    const found = await this.store.findActive(idOrName);
    const [key] = found;
    if (!key) throw new PatchbayError('not_found', `No API key that is not revoked has the id or name "${idOrName}"; \`patchbay apikeys list\` shows them.`, { key: idOrName });
    if (found.length > 1) throw new PatchbayError('bad_request', `More than one API key matches "${idOrName}"; revoke it by id.`, { ids: found.map((k) => k.id) });
    const at = this.now().toISOString();
    await this.store.revoke(key.id, at);
    return { ...key, revokedAt: at };
  }

  /**
   * Checks a presented key: found by its public prefix, then its digest compared in constant time
   * (the prefix lookup reveals only whether a prefix exists, which is listed anyway).
   */
  async verify(presented: string): Promise<Verdict> {
    const prefix = apiKeyPrefix(presented);
    const row = prefix ? await this.store.byPrefix(prefix) : null;
    if (!row || !matchesDigest(presented, row.keyHash)) return { ok: false, code: 'api_key_invalid' };
    if (row.revokedAt) return { ok: false, code: 'api_key_revoked' };
    const { keyHash: _hash, ...key } = row;
    await this.touch(key);
    return { ok: true, key };
  }

  async startSession(key: { readonly id: string }): Promise<string> {
    const now = this.now();
    const session = generateSessionToken();
    await this.store.deleteExpiredSessions(now.toISOString());
    await this.store.insertSession({ tokenHash: session.hash, apiKeyId: key.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString() });
    return session.token;
  }

  /**
   * The key behind a session cookie, or null. Looked up by the token's digest: the token is 256
   * random bits, so what an index lookup's timing could reveal about digests helps no one.
   */
  async sessionKey(token: string): Promise<ApiKeyRow | null> {
    const key = await this.store.sessionKey(digest(token), this.now().toISOString());
    if (key) await this.touch(key);
    return key;
  }

  endSession(token: string): Promise<void> {
    return this.store.deleteSession(digest(token));
  }

  private async touch(key: ApiKeyRow): Promise<void> {
    const now = this.now();
    if (key.lastUsedAt && now.getTime() - Date.parse(key.lastUsedAt) < TOUCH_EVERY_MS) return;
    await this.store.touch(key.id, now.toISOString());
  }
}
