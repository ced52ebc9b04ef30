import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderSyncWorkflow } from '../testing/version-fixtures';
import { tempDir } from '../testing/temp-engine';
import { ActivityRepo } from './activity-repo';
import { openDatabase } from './db';
import { sqliteKysely } from './kysely';
import { migrate } from './migrations';
import { UserVersionsRepo } from './user-versions-repo';

describe('migration 13: user-specific versions named as in the glossary', () => {
  it('keeps a database written before the rename: its user-specific versions, revisions, run references and activity', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'old.db');
      const old = new Database(file);
      expect(migrate(old, 12)).toBe(12);
      const doc = JSON.stringify({ ...orderSyncWorkflow(), notes: 'Acme keeps its own URL' });
      old.exec(`
        INSERT INTO integrations (id, name, created_at, updated_at) VALUES ('i', 'Sync', 'now', 'now');
        INSERT INTO releases (id, integration_id, version, created_at) VALUES ('r1', 'i', 1, 'now');
        INSERT INTO released_versions (id, release_id, workflow_id, name, doc) VALUES ('v1', 'r1', 'w', 'Order sync', '${doc}');
        INSERT INTO installations (id, integration_id, customer_name, status, enabled, created_at, updated_at) VALUES ('inst', 'i', 'Acme', 'installed', 1, 'then', 'then');
        INSERT INTO forks (id, installation_id, workflow_id, ancestor_version_id, rev, doc, created_at, updated_at) VALUES ('uv', 'inst', 'w', 'v1', 2, '${doc}', 'then', 'then');
        INSERT INTO fork_revisions (fork_id, rev, doc, ancestor_version_id, saved_at) VALUES ('uv', 1, '${doc}', 'v1', 'then'), ('uv', 2, '${doc}', 'v1', 'then');
        INSERT INTO runs (id, workflow_id, workflow_name, doc, mode, status, started_at, installation_id, version_ref) VALUES ('run', 'w', 'Order sync', '${doc}', 'live', 'succeeded', 'then', 'inst', 'fork:uv');
        INSERT INTO activity (installation_id, at, actor, action) VALUES ('inst', 'then', 'user', 'fork_created'), ('inst', 'then', 'user', 'fork_saved'), ('inst', 'then', 'user', 'installed');
      `);
      old.close();

      const db = openDatabase(file);
      const k = sqliteKysely(db);
      const repo = new UserVersionsRepo(k);
      expect(await repo.find('inst', 'w')).toMatchObject({ id: 'uv', rev: 2, ancestorVersionId: 'v1', doc: { notes: 'Acme keeps its own URL' } });
      // The revision history came along: the next save is revision 3 and is stored beside the others.
      expect((await repo.save('uv', 2, (await repo.get('uv')).doc)).rev).toBe(3);
      expect(db.prepare(`SELECT rev FROM user_version_revisions WHERE user_version_id = 'uv' ORDER BY rev`).all()).toEqual([{ rev: 1 }, { rev: 2 }, { rev: 3 }]);
      expect(db.prepare(`SELECT version_ref FROM runs WHERE id = 'run'`).get()).toEqual({ version_ref: 'userVersion:uv' });
      expect((await new ActivityRepo(k, 'test').list('inst')).map((a) => a.action).sort()).toEqual(['installed', 'user_version_created', 'user_version_saved']);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
