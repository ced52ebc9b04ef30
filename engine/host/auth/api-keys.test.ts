import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { digest } from '../../secrets/api-key';
import { ApiKeysStore } from '../../storage/api-keys-store';
import { openDatabase } from '../../storage/db';
import { postgresKysely, sqliteKysely } from '../../storage/kysely';
import { migratePg } from '../../storage/migrations';
import type { Tables } from '../../storage/tables';
import { startPostgres, type TempPostgres } from '../../testing/postgres';
import { withEngine } from '../../testing/temp-engine';
import { ApiKeys, SESSION_SECONDS } from './api-keys';

// timingSafeEqual is watched (not replaced) to prove a presented key is compared in constant time.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const { timingSafeEqual } = await import('node:crypto');

// The first stays on SQLite in the PostgreSQL run too: it reads the SQLite file itself (only digests at rest).
describe('API keys over the contract', () => {
  it('creates a key shown once, lists it without the key, and revokes it by name', async () => {
    await withEngine(async (engine, dataDir) => {
      const created = await engine.call('apiKeys.create', { name: 'ci pipeline' });
      expect(created.key).toMatch(/^pb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(created.key.startsWith(created.prefix)).toBe(true);

      const listed = await engine.call('apiKeys.list', {});
      expect(listed).toEqual([{ id: created.id, name: 'ci pipeline', prefix: created.prefix, createdAt: created.createdAt, lastUsedAt: null, revokedAt: null, role: 'admin' }]);
      expect(JSON.stringify(listed)).not.toContain(created.key.slice(created.prefix.length));

      // At rest: only the digest; the key is nowhere in the database files.
      expect(await engine.context.database.selectFrom('api_keys').select('key_hash').execute()).toEqual([{ key_hash: digest(created.key) }]);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(engine.context.database);
      expect(readFileSync(join(dataDir, 'patchbay.db')).includes(created.key.slice(created.prefix.length))).toBe(false);

      await expect(engine.call('apiKeys.create', { name: 'ci pipeline' })).rejects.toMatchObject({ code: 'api_key_name_taken' });
      const revoked = await engine.call('apiKeys.revoke', { key: 'ci pipeline' });
      expect(revoked.revokedAt).not.toBeNull();
      expect(await engine.context.apiKeys.verify(created.key)).toEqual({ ok: false, code: 'api_key_revoked' });
      await expect(engine.call('apiKeys.revoke', { key: 'ci pipeline' })).rejects.toMatchObject({ code: 'not_found' });
      // The name is free again once its key is revoked.
      expect((await engine.call('apiKeys.create', { name: 'ci pipeline' })).id).not.toBe(created.id);
    }, { database: 'sqlite' });
  });

  it('accepts the key, records its use, and refuses a key with the right prefix but a wrong secret', async () => {
    await withEngine(async (engine) => {
      const { key, prefix } = await engine.call('apiKeys.create', { name: 'ops' });
      vi.mocked(timingSafeEqual).mockClear();
      const verdict = await engine.context.apiKeys.verify(key);
      expect(verdict).toMatchObject({ ok: true, key: { name: 'ops' } });
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
      expect((await engine.call('apiKeys.list', {}))[0]?.lastUsedAt).not.toBeNull();

      const last = key.at(-1) === 'A' ? 'B' : 'A';
      expect(await engine.context.apiKeys.verify(key.slice(0, -1) + last)).toEqual({ ok: false, code: 'api_key_invalid' });
      expect(timingSafeEqual).toHaveBeenCalledTimes(2);
      expect(await engine.context.apiKeys.verify(`${prefix}_short`)).toEqual({ ok: false, code: 'api_key_invalid' });
      expect(await engine.context.apiKeys.verify('not a key')).toEqual({ ok: false, code: 'api_key_invalid' });
    }, { database: 'sqlite' });
  });
});

let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

async function postgresStore(): Promise<{ k: Kysely<Tables>; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: await cluster.database(), max: 2 });
  // An idle client told by the stopping test server to go away (57P01) must not fail the run.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  await migratePg(client);
  client.release();
  const k = postgresKysely(pool);
  return { k, close: () => k.destroy() };
}

describe.each(['sqlite', 'postgres'] as const)('browser sessions on %s', (dialect) => {
  it('last a working day, end on sign-out, and end when their key is revoked', async () => {
    const db = dialect === 'sqlite' ? { k: sqliteKysely(openDatabase(':memory:')), close: () => Promise.resolve() } : await postgresStore();
    let now = new Date('2026-11-30T09:00:00.000Z');
    const keys = new ApiKeys(new ApiKeysStore(db.k), () => now);
    try {
      const created = await keys.create('analyst');
      const verdict = await keys.verify(created.key);
      if (!verdict.ok) throw new Error('the new key was refused');

      const morning = await keys.startSession(verdict.key);
      expect(await keys.sessionKey(morning)).toMatchObject({ name: 'analyst' });
      now = new Date(now.getTime() + SESSION_SECONDS * 1000);
      expect(await keys.sessionKey(morning)).toBeNull();

      const afternoon = await keys.startSession(verdict.key);
      await keys.endSession(afternoon);
      expect(await keys.sessionKey(afternoon)).toBeNull();

      const evening = await keys.startSession(verdict.key);
      await keys.revoke(created.id);
      expect(await keys.sessionKey(evening)).toBeNull();
      expect(await keys.verify(created.key)).toEqual({ ok: false, code: 'api_key_revoked' });
    } finally {
      await db.close();
    }
  });
});
