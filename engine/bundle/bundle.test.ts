import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../host/engine';
import { withEngine } from '../testing/temp-engine';
import { canonicalJson } from './canonical';
import { exportBundle } from './export';
import { openBundleBytes } from './open';

const PLANTED = 'PLANTEDsecret-4f9a1c77';
const fromB64 = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
const unpacked = (bytes: Uint8Array): Record<string, string> => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));

/** The Order Sync with two releases and Acme's user-specific version, plus a stored secret pasted into a block. */
export async function seedOrderSync(engine: Engine) {
  await engine.call('connections.save', { name: 'Vendor key', kind: 'your_app', values: { baseUrl: 'http://127.0.0.1:1', apiKey: PLANTED } });
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  const v1 = await engine.call('integrations.release', { id: integration.id, notes: 'first release' });
  const writeBack = integration.workflows.find((w) => w.name === 'Write Back Tracking Number') as { id: string };
  const draft = await engine.call('workflows.get', { id: writeBack.id });
  const doc = { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'orders' ? { ...b, name: 'Orders (paged)', config: { ...b.config, query: { key: PLANTED, page: '1' } } } : b)) };
  const historicalDraft = await engine.call('workflows.get', { id: integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string });
  await engine.call('workflows.save', { id: historicalDraft.id, baseRev: historicalDraft.rev, doc: { ...historicalDraft.doc, notes: `Ask ops for ${PLANTED} if it fails` } });
  await engine.call('workflows.save', { id: writeBack.id, baseRev: draft.rev, doc });
  const v2 = await engine.call('integrations.release', { id: integration.id, notes: 'paged orders' });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  await engine.call('installations.install', { id: inst.id, releaseId: v1.id, wait: true });
  const historical = integration.workflows.find((w) => w.name === 'Fetch Historical Orders') as { id: string };
  const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId: historical.id });
  const edited = { ...userVersion.doc, blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'), edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold') };
  const saved = await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: edited });
  return { integration, v1, v2, installationId: inst.id, userVersion: saved, writeBackId: writeBack.id };
}

describe('bundles (format 2)', () => {
  it('exports the same content to the same bytes; only the manifest timestamp differs between two exports', async () => {
    await withEngine(async (engine) => {
      const { integration, userVersion } = await seedOrderSync(engine);
      const req = { workflowIds: [], integrationIds: [integration.id], userVersionIds: [userVersion.id], secrets: engine.context.secrets.secretValues() };
      const a = await exportBundle(engine.context.repos, { ...req, exportedAt: '2026-01-01T00:00:00.000Z' });
      const b = await exportBundle(engine.context.repos, { ...req, exportedAt: '2026-01-01T00:00:00.000Z' });
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);

      const later = unpacked((await exportBundle(engine.context.repos, { ...req, exportedAt: '2026-06-30T12:00:00.000Z' })).bytes);
      const first = unpacked(a.bytes);
      expect(Object.keys(later)).toEqual(Object.keys(first));
      for (const path of Object.keys(first)) {
        if (path === 'manifest.json') expect(later[path]?.replace('2026-06-30T12:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe(first[path]);
        else expect(later[path]).toBe(first[path]);
      }
      // One canonical file per entity, with readable names.
      expect(Object.keys(first)).toEqual(expect.arrayContaining([
        'manifest.json',
        'integrations/netsuite-order-sync/integration.json',
        'integrations/netsuite-order-sync/workflows/fetch-historical-orders.json',
        'integrations/netsuite-order-sync/releases/v1/release.json',
        'integrations/netsuite-order-sync/releases/v2/workflows/write-back-tracking-number.json',
        'integrations/netsuite-order-sync/installations/acme-corp/installation.json',
        'integrations/netsuite-order-sync/installations/acme-corp/workflows/fetch-historical-orders.json',
      ]));
      const release = first['integrations/netsuite-order-sync/releases/v1/release.json'] as string;
      expect(release.endsWith('}\n')).toBe(true);
      expect(release.split('\n')[1]).toMatch(/^ {2}"createdAt"/);
    }, { demoSandbox: true });
  });

  it('never puts a stored secret in the bundle, in the zip bytes or in any file', async () => {
    await withEngine(async (engine) => {
      const { integration, userVersion } = await seedOrderSync(engine);
      const result = await engine.call('bundles.export', { integrationIds: [integration.id], userVersionIds: [userVersion.id] });
      const bytes = fromB64(result.base64);
      expect(Buffer.from(bytes).includes(PLANTED)).toBe(false);
      const files = unpacked(bytes);
      expect(Object.values(files).join('\n')).not.toContain(PLANTED);
      expect(Object.values(files).join('\n')).toContain('Orders (paged)');
      expect(result.scrubbed).toContainEqual({ workflow: 'Write Back Tracking Number', blockId: 'orders', path: 'config.query.key' });
    }, { demoSandbox: true });
  });

  it('imports into an empty data folder with identical documents and identical diffs between versions', async () => {
    let base64 = '';
    let source: { docs: unknown[]; diffs: unknown[] } = { docs: [], diffs: [] };
    let ids: Awaited<ReturnType<typeof seedOrderSync>> | undefined;
    const snapshot = async (engine: Engine, s: NonNullable<typeof ids>) => {
      const [r2, r1] = await engine.call('integrations.releases', { id: s.integration.id });
      const versionIds = [...(r1?.versions ?? []), ...(r2?.versions ?? [])].map((v) => v.id);
      const docs = [
        ...(await Promise.all(versionIds.map((id) => engine.call('versions.get', { id })))),
        ...(await Promise.all(s.integration.workflows.map((w) => engine.call('workflows.get', { id: w.id }).then((w) => ({ name: w.name, doc: w.doc }))))),
        (await engine.call('userVersions.get', { id: s.userVersion.id })).doc,
      ];
      const wb = (release: typeof r1) => release?.versions.find((v) => v.workflowId === s.writeBackId)?.id as string;
      const diffs = [
        await engine.call('versions.diff', { a: { kind: 'version', id: wb(r1) }, b: { kind: 'version', id: wb(r2) } }),
        await engine.call('userVersions.diff', { id: s.userVersion.id }),
      ];
      return { docs, diffs };
    };
    await withEngine(async (engine) => {
      ids = await seedOrderSync(engine);
      base64 = (await engine.call('bundles.export', { integrationIds: [ids.integration.id], userVersionIds: [ids.userVersion.id] })).base64;
      source = await snapshot(engine, ids);
    }, { demoSandbox: true });
    await withEngine(async (engine) => {
      const preview = await engine.call('bundles.preview', { base64 });
      expect(preview.items.every((i) => i.action === 'add')).toBe(true);
      expect(await engine.call('workflows.list', {})).toEqual([]);
      const result = await engine.call('bundles.import', { base64 });
      expect(result.integrations).toEqual([{ id: ids?.integration.id, name: 'NetSuite Order Sync', releases: 2 }]);
      const imported = await snapshot(engine, ids as NonNullable<typeof ids>);
      // The planted secret was removed on export: only where it stood differs from the source.
      expect(canonicalJson(imported)).toBe(canonicalJson(source).replaceAll(PLANTED, ''));
      const acme = await engine.call('installations.get', { id: ids?.installationId as string });
      expect(acme).toMatchObject({ customerName: 'Acme Corp', version: 1, customised: true });
      expect(acme.connections.every((c) => c.connectionId === null)).toBe(true);

      // Importing the same bundle again changes nothing.
      const again = await engine.call('bundles.preview', { base64 });
      expect(new Set(again.items.map((i) => i.action))).toEqual(new Set(['unchanged']));
    }, { demoSandbox: true });
  });

  it('a base workflow exported without its integration takes the shared mapping it names along, inline', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      const listener = integration.workflows.find((w) => w.name === 'Listen for New and Updated Orders')?.id as string;
      const { base64 } = await engine.call('bundles.export', { workflowIds: [listener] });
      const alone = openBundleBytes(fromB64(base64)).content;
      expect(alone.integrations).toEqual([]);
      const map = alone.workflows[0]?.doc.blocks.find((b) => b.id === 'map_orders');
      expect(map?.config.mapping).toBeUndefined();
      expect(map?.config.rules).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'vendor.email' })]));
    });
  });

  it('previews added, updated and conflicting items, refuses a conflicting import whole, and imports it as a copy', async () => {
    await withEngine(async (engine) => {
      const { integration, writeBackId } = await seedOrderSync(engine);
      const base64 = (await engine.call('bundles.export', { integrationIds: [integration.id] })).base64;
      // Here, the draft moves on and v3 is released; the bundle's v1 and v2 still match.
      const draft = await engine.call('workflows.get', { id: writeBackId });
      await engine.call('workflows.save', { id: writeBackId, baseRev: draft.rev, doc: { ...draft.doc, notes: 'changed here' } });
      expect((await engine.call('bundles.preview', { base64 })).items.filter((i) => i.action === 'update')).toEqual([
        { kind: 'workflow', id: writeBackId, name: 'NetSuite Order Sync › Write Back Tracking Number (draft)', action: 'update' },
      ]);
      const exported = openBundleBytes(fromB64(base64)).content;
      expect(exported.releases).toHaveLength(2);

      // Another machine's v3 meets this machine's own v3.
      await engine.call('integrations.release', { id: integration.id, notes: 'v3 here' });
      const elsewhere = await withEngine(async (other) => {
        await other.call('bundles.import', { base64 });
        const d = await other.call('workflows.get', { id: writeBackId });
        await other.call('workflows.save', { id: writeBackId, baseRev: d.rev, doc: { ...d.doc, notes: 'changed there' } });
        await other.call('integrations.release', { id: integration.id, notes: 'v3 there' });
        return (await other.call('bundles.export', { integrationIds: [integration.id] })).base64;
      });
      const preview = await engine.call('bundles.preview', { base64: elsewhere });
      expect(preview.items.filter((i) => i.action === 'conflict')).toEqual([
        expect.objectContaining({ kind: 'release', name: 'NetSuite Order Sync v3', reason: expect.stringContaining('v3 was released separately here') }),
      ]);
      const before = await engine.call('workflows.get', { id: writeBackId });
      await expect(engine.call('bundles.import', { base64: elsewhere })).rejects.toMatchObject({ code: 'bundle_conflict' });
      expect((await engine.call('workflows.get', { id: writeBackId })).rev).toBe(before.rev);

      const copy = await engine.call('bundles.import', { base64: elsewhere, asCopy: true });
      expect(copy.items.every((i) => i.action === 'add')).toBe(true);
      expect(copy.integrations[0]?.id).not.toBe(integration.id);
      expect((await engine.call('integrations.list', {})).map((i) => i.latestRelease)).toEqual([3, 3]);
    }, { demoSandbox: true });
  });
});
