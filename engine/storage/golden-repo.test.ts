import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoldenSetBody } from '../api/methods/golden';
import { tempDir } from '../testing/temp-engine';
import { GoldenRepo } from './golden-repo';
import { InstallationsRepo } from './installations-repo';
import { IntegrationsRepo } from './integrations-repo';
import { migrate } from './migrations';

const body: GoldenSetBody = {
  trigger: { event: 'install' }, sharedInputs: {}, sourceBlockId: 'fetch_orders', recordsPath: ['orders'],
  readers: [{ blockId: 'fetch_orders', kind: 'netsuite_fetch_orders', name: 'Fetch all purchase orders' }],
  records: [{ key: 'PO1001', inputs: { fetch_orders: { orders: [{ tranId: 'PO1001' }], count: 1 } }, outputs: { map_orders: { records: [{ external_order_id: 'PO1001' }] } }, outcome: 'succeeded' }],
  knownSources: ['tranId'],
};

describe('golden records storage (migration 011)', () => {
  it('upgrades a database at migration 10 (installations kept) and stores, renames and removes golden sets', () => {
    const dir = tempDir();
    try {
      const db = new Database(join(dir.path, 'old.db'));
      db.pragma('foreign_keys = ON');
      expect(migrate(db, 10)).toBe(10);
      const integration = new IntegrationsRepo(db).create('Order Sync', '', []);
      const installation = new InstallationsRepo(db).create(integration.id, 'Acme Corp', null, {});
      expect(migrate(db)).toBeGreaterThanOrEqual(11);
      expect(new InstallationsRepo(db).get(installation.id).customerName).toBe('Acme Corp');

      const repo = new GoldenRepo(db);
      const set = repo.create({ installationId: installation.id, workflowId: 'wf', name: 'First orders', sourceRunId: null, versionRef: null, body });
      expect(repo.listForInstallation(installation.id).map((s) => s.body.records[0]?.key)).toEqual(['PO1001']);
      expect(repo.rename(set.id, 'Overnight orders').name).toBe('Overnight orders');
      expect(repo.remove(set.id)).toBe(true);
      expect(repo.listForInstallation(installation.id)).toEqual([]);
      expect(() => repo.get(set.id)).toThrow(/do not exist/);
      // A golden set belongs to an installation that exists.
      expect(() => repo.create({ installationId: 'nope', workflowId: 'wf', name: 'x', sourceRunId: null, versionRef: null, body })).toThrow(/FOREIGN KEY/);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
