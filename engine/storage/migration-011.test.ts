import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenBody } from '../testing/golden-fixtures';
import { tempDir } from '../testing/temp-engine';
import { GoldenRepo } from './golden-repo';
import { InstallationsRepo } from './installations-repo';
import { IntegrationsRepo } from './integrations-repo';
import { sqliteKysely } from './kysely';
import { migrate } from './migrations';

// A desktop's SQLite file only: a PostgreSQL database was never at migration 10 without golden sets.
describe('migration 11: golden sets', () => {
  it('upgrades a SQLite file at migration 10 to golden sets, its installations kept (migration 011)', async () => {
    const dir = tempDir();
    const db = new Database(join(dir.path, 'old.db'));
    try {
      db.pragma('foreign_keys = ON');
      expect(migrate(db, 10)).toBe(10);
      const k = sqliteKysely(db);
      const integration = await new IntegrationsRepo(k).create('Order Sync', '', []);
      const installation = await new InstallationsRepo(k).create(integration.id, 'Acme Corp', null, {});
      expect(migrate(db)).toBeGreaterThanOrEqual(11);
      expect((await new InstallationsRepo(k).get(installation.id)).customerName).toBe('Acme Corp');
      const set = await new GoldenRepo(k).create({ installationId: installation.id, workflowId: 'wf', name: 'First orders', sourceRunId: null, versionRef: null, body: goldenBody });
      expect((await new GoldenRepo(k).listForInstallation(installation.id)).map((s) => s.id)).toEqual([set.id]);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
