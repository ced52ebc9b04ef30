import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-engine';
import { openDatabase } from './db';
import { migrate } from './migrations';
import { InstallationsRepo } from './installations-repo';
import { sqliteKysely } from './kysely';

describe('migration 10: installation lifecycle', () => {
  it('keeps installations that were already polling active, and others configuring', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'old.db');
      const old = new Database(file);
      expect(migrate(old, 9)).toBe(9);
      old.prepare(`INSERT INTO integrations (id, name, created_at, updated_at) VALUES ('i', 'Sync', 'now', 'now')`).run();
      const insert = old.prepare(`INSERT INTO installations (id, integration_id, customer_name, status, enabled, created_at, updated_at) VALUES (?, 'i', ?, ?, ?, 'then', '2026-01-01T00:00:00Z')`);
      insert.run('polling', 'Acme', 'installed', 1);
      insert.run('disabled', 'Globex', 'installed', 0);
      insert.run('draft', 'Initech', 'draft', 1);
      old.close();
      const db = openDatabase(file);
      const repo = new InstallationsRepo(sqliteKysely(db));
      expect((await repo.get('polling')).activatedAt).toBe('2026-01-01T00:00:00Z');
      expect((await repo.get('disabled')).activatedAt).toBeNull();
      expect((await repo.get('draft')).activatedAt).toBeNull();
      db.close();
    } finally {
      dir.remove();
    }
  });
});
