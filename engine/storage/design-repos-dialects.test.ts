import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoldenSetBody } from '../api/methods/golden';
import { startPostgres, type TempPostgres } from '../testing/postgres';
import { ActivityRepo } from './activity-repo';
import { atomically } from './atomically';
import { openDatabase } from './db';
import { GoldenRepo } from './golden-repo';
import { InstallationMappingsRepo } from './installation-mappings-repo';
import { InstallationsRepo } from './installations-repo';
import { IntegrationsRepo } from './integrations-repo';
import { postgresKysely, sqliteKysely } from './kysely';
import { MappingsRepo } from './mappings-repo';
import { openPostgresPool } from './postgres';
import type { Tables } from './tables';
import { UserVersionsRepo } from './user-versions-repo';
import { WorkflowsRepo } from './workflows-repo';

// The design-side repositories (ARCHITECTURE.md, "Production runner") run the same code on a
// real SQLite file and a real, throwaway PostgreSQL: the desktop and `patchbay server` agree.

let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

const doc = (name: string, blocks: number) => ({
  schemaVersion: 1, name, notes: '', edges: [],
  blocks: Array.from({ length: blocks }, (_, i) => ({ id: `b${i}`, kind: 'delay', name: `Wait ${i}`, config: { ms: 1 }, position: { x: 0, y: 0 } })),
});

const body: GoldenSetBody = {
  trigger: { event: 'install' }, sharedInputs: {}, sourceBlockId: 'fetch_orders', recordsPath: ['orders'],
  readers: [{ blockId: 'fetch_orders', kind: 'netsuite_fetch_orders', name: 'Fetch all purchase orders' }],
  records: [{ key: 'PO1001', inputs: {}, outputs: {}, outcome: 'succeeded' }],
  knownSources: ['tranId'],
};

/** An integration released twice, installed for one customer who customised it: what both dialects must give back. */
async function story(k: Kysely<Tables>): Promise<unknown> {
  const integrations = new IntegrationsRepo(k);
  const workflows = new WorkflowsRepo(k);
  const mappings = new MappingsRepo(k);
  const integration = await integrations.create('Order Sync', 'POs to Your App', [{ key: 'netsuite', kind: 'netsuite', label: 'NetSuite' }]);
  const wf = await workflows.create(doc('Backfill', 2));
  await integrations.attachWorkflow(integration.id, wf.id);
  const mapping = await mappings.create(integration.id, 'PO → order', [{ id: 'a1', target: 'external_order_id', source: 'tranId', transforms: [] }], '');
  const v1 = await integrations.release(integration.id, 'first');
  const saved = await workflows.save(wf.id, wf.rev, doc('Backfill', 3));
  // Two editors: the one still on the first revision is refused, whatever the dialect.
  await expect(workflows.save(wf.id, wf.rev, doc('Backfill', 4))).rejects.toMatchObject({ code: 'rev_conflict', details: { currentRev: 2 } });
  await mappings.save(mapping.id, mapping.rev, [{ id: 'a1', target: 'external_order_id', source: 'id', transforms: [] }]);
  await expect(mappings.save(mapping.id, mapping.rev, [])).rejects.toMatchObject({ code: 'rev_conflict' });
  const v2 = await integrations.release(integration.id, 'second');

  const installations = new InstallationsRepo(k);
  const row = await installations.create(integration.id, 'Acme Corp', 'acme-1', { region: 'eu' });
  await installations.update(row.id, { releaseId: v1.id, status: 'installed', enabled: true });
  await k.insertInto('connections').values({ id: 'ns-1', name: 'NetSuite', kind: 'netsuite', config: '{}', secrets: '{}', created_at: row.createdAt, updated_at: row.createdAt }).execute();
  await k.insertInto('connections').values({ id: 'ns-2', name: 'NetSuite 2', kind: 'netsuite', config: '{}', secrets: '{}', created_at: row.createdAt, updated_at: row.createdAt }).execute();
  await installations.setConnection(row.id, 'netsuite', 'ns-1');
  await installations.setConnection(row.id, 'netsuite', 'ns-2'); // chosen again: replaced, not added

  const version1 = await integrations.versionIn(v1.id, wf.id);
  const userVersions = new UserVersionsRepo(k);
  const custom = await userVersions.create(row.id, wf.id, version1?.id ?? '', doc('Backfill (Acme)', 2));
  await userVersions.save(custom.id, 1, doc('Backfill (Acme)', 5));
  await expect(userVersions.save(custom.id, 1, doc('x', 0))).rejects.toMatchObject({ code: 'rev_conflict' });
  const [released] = await mappings.releasedIn(v1.id);
  const customMappings = new InstallationMappingsRepo(k);
  const customMapping = await customMappings.create(row.id, mapping.id, released?.id ?? '', { ...(released?.doc ?? { id: '', name: '', rules: [], notes: '' }), notes: 'Acme' });
  await customMappings.save(customMapping.id, 1, { ...customMapping.doc, notes: 'Acme, again' });

  const golden = new GoldenRepo(k);
  const set = await golden.create({ installationId: row.id, workflowId: wf.id, name: 'First orders', sourceRunId: null, versionRef: null, body });
  await golden.rename(set.id, 'Overnight orders');
  const activity = new ActivityRepo(k, 'analyst');
  await activity.record(row.id, 'installed', { version: 1 });
  await activity.record(row.id, 'user_version_saved', { rev: 2 });

  // Nothing half-written: a failure inside a transaction leaves no integration behind.
  await expect(atomically(k, async (trx) => {
    await new IntegrationsRepo(trx).create('Half written', '', []);
    throw new Error('stop');
  })).rejects.toThrow('stop');

  return {
    integrations: (await integrations.list()).map((i) => ({ name: i.name, requiredConnections: i.requiredConnections, workflows: i.workflows.map((w) => [w.name, w.rev]), latestRelease: i.latestRelease })),
    workflows: (await workflows.list()).map((w) => [w.name, w.rev, w.blockCount]),
    saved: [saved.rev, saved.doc.blocks.length],
    releases: (await integrations.releases(integration.id)).map((r) => [r.version, r.notes, r.versions.map((v) => v.name)]),
    releasedMappings: (await mappings.releasedIn(v2.id)).map((m) => [m.version, m.name, m.doc.rules.map((r) => r.source)]),
    v1Version: version1 ? [version1.version, version1.doc.blocks.length] : null,
    installation: (({ customerName, externalId, status, enabled, config }) => ({ customerName, externalId, status, enabled, config }))(await installations.get(row.id)),
    connections: [...(await installations.connections(row.id))],
    userVersion: (({ rev, doc: d }) => [rev, d.blocks.length])(await userVersions.get(custom.id)),
    customMapping: (({ rev, doc: d }) => [rev, d.notes])(await customMappings.get(customMapping.id)),
    golden: (await golden.listForInstallation(row.id)).map((g) => [g.name, g.body.records.map((r) => r.key)]),
    activity: (await activity.list(row.id)).map((a) => [a.actor, a.action, a.details]),
    removed: [await golden.remove(set.id), await golden.remove(set.id)],
  };
}

describe('the design-side repositories on both dialects', () => {
  it('store, version, release, customise and refuse stale saves the same on SQLite and PostgreSQL', async () => {
    const sqlite = openDatabase(':memory:');
    // An idle client told by the stopping test server to go away (57P01) must not fail the run.
    const pool = await openPostgresPool(await cluster.database(), () => undefined);
    try {
      const onSqlite = await story(sqliteKysely(sqlite));
      const onPostgres = await story(postgresKysely(pool));
      expect(onSqlite).toEqual({
        integrations: [{ name: 'Order Sync', requiredConnections: [{ key: 'netsuite', kind: 'netsuite', label: 'NetSuite' }], workflows: [['Backfill', 2]], latestRelease: 2 }],
        workflows: [['Backfill', 2, 3]],
        saved: [2, 3],
        releases: [[2, 'second', ['Backfill']], [1, 'first', ['Backfill']]],
        releasedMappings: [[2, 'PO → order', ['id']]],
        v1Version: [1, 2],
        installation: { customerName: 'Acme Corp', externalId: 'acme-1', status: 'installed', enabled: true, config: { region: 'eu' } },
        connections: [['netsuite', 'ns-2']],
        userVersion: [2, 5],
        customMapping: [2, 'Acme, again'],
        golden: [['Overnight orders', ['PO1001']]],
        activity: [['analyst', 'user_version_saved', { rev: 2 }], ['analyst', 'installed', { version: 1 }]],
        removed: [true, false],
      });
      expect(onPostgres).toEqual(onSqlite);
    } finally {
      await pool.end();
      sqlite.close();
    }
  });
});
