import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoldenSetBody } from '../api/methods/golden';
import { tempDir } from '../testing/temp-engine';
import { defaultTestDialect, openTestDatabase } from '../testing/test-database';
import { GoldenRepo } from './golden-repo';
import { InstallationsRepo } from './installations-repo';
import { IntegrationsRepo } from './integrations-repo';
import { sqliteKysely } from './kysely';
import { migrate } from './migrations';

const body: GoldenSetBody = {
  trigger: { event: 'install' }, sharedInputs: {}, sourceBlockId: 'fetch_orders', recordsPath: ['orders'],
  readers: [{ blockId: 'fetch_orders', kind: 'netsuite_fetch_orders', name: 'Fetch all purchase orders' }],
  records: [{ key: 'PO1001', inputs: { fetch_orders: { orders: [{ tranId: 'PO1001' }], count: 1 } }, outputs: { map_orders: { records: [{ external_order_id: 'PO1001' }] } }, outcome: 'succeeded' }],
  knownSources: ['tranId'],
};

describe('golden records storage', () => {
  it('stores, renames and removes golden sets, each belonging to an installation that exists', async () => {
    const t = await openTestDatabase();
    try {
      const k = t.database;
      const integration = await new IntegrationsRepo(k).create('Order Sync', '', []);
      const installation = await new InstallationsRepo(k).create(integration.id, 'Acme Corp', null, {});
      const repo = new GoldenRepo(k);
      const set = await repo.create({ installationId: installation.id, workflowId: 'wf', name: 'First orders', sourceRunId: null, versionRef: null, body });
      expect((await repo.listForInstallation(installation.id)).map((s) => s.body.records[0]?.key)).toEqual(['PO1001']);
      expect((await repo.rename(set.id, 'Overnight orders')).name).toBe('Overnight orders');
      expect(await repo.remove(set.id)).toBe(true);
      expect(await repo.listForInstallation(installation.id)).toEqual([]);
      await expect(repo.get(set.id)).rejects.toThrow(/do not exist/);
      await expect(repo.create({ installationId: 'nope', workflowId: 'wf', name: 'x', sourceRunId: null, versionRef: null, body })).rejects.toThrow(/foreign key/i);
    } finally {
      await t.close();
    }
  });

  // A desktop user's file left at migration 10; PostgreSQL upgrades are covered row by row in migrations-both-dialects.test.ts.
  it.skipIf(defaultTestDialect() === 'postgres')('upgrades a SQLite file at migration 10 to golden sets, its installations kept (migration 011)', async () => {
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
      const set = await new GoldenRepo(k).create({ installationId: installation.id, workflowId: 'wf', name: 'First orders', sourceRunId: null, versionRef: null, body });
      expect((await new GoldenRepo(k).listForInstallation(installation.id)).map((s) => s.id)).toEqual([set.id]);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
