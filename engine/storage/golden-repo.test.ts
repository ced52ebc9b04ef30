import { describe, expect, it } from 'vitest';
import { goldenBody } from '../testing/golden-fixtures';
import { openTestDatabase } from '../testing/test-database';
import { GoldenRepo } from './golden-repo';
import { InstallationsRepo } from './installations-repo';
import { IntegrationsRepo } from './integrations-repo';

describe('golden records storage', () => {
  it('stores, renames and removes golden sets, each belonging to an installation that exists', async () => {
    const t = await openTestDatabase();
    try {
      const k = t.database;
      const integration = await new IntegrationsRepo(k).create('Order Sync', '', []);
      const installation = await new InstallationsRepo(k).create(integration.id, 'Acme Corp', null, {});
      const repo = new GoldenRepo(k);
      const set = await repo.create({ installationId: installation.id, workflowId: 'wf', name: 'First orders', sourceRunId: null, versionRef: null, body: goldenBody });
      expect((await repo.listForInstallation(installation.id)).map((s) => s.body.records[0]?.key)).toEqual(['PO1001']);
      expect((await repo.rename(set.id, 'Overnight orders')).name).toBe('Overnight orders');
      expect(await repo.remove(set.id)).toBe(true);
      expect(await repo.listForInstallation(installation.id)).toEqual([]);
      await expect(repo.get(set.id)).rejects.toThrow(/do not exist/);
      await expect(repo.create({ installationId: 'nope', workflowId: 'wf', name: 'x', sourceRunId: null, versionRef: null, body: goldenBody })).rejects.toThrow(/foreign key/i);
    } finally {
      await t.close();
    }
  });

  // A desktop user's file left at migration 10; PostgreSQL upgrades are covered row by row in migrations-both-dialects.test.ts.
});
