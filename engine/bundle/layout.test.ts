import { describe, expect, it } from 'vitest';
import { withEngine } from '../testing/temp-engine';
import { emptyContent, type BundleContent } from './content';
import { importContent, previewImport } from './import';
import { readBundleFiles } from './read';
import { contentToFiles } from './write';

// Readable paths from content alone, and the shared-mapping entries the format already carries.

const doc = (name: string) => ({ schemaVersion: 1, name, blocks: [], edges: [], notes: '' });
const mappingDoc = { id: 'm1', name: 'PO → order', rules: [{ id: 'r1', target: 'a', source: 'b', transforms: [] }], notes: '' };

function content(): BundleContent {
  return {
    ...emptyContent('2026-01-01T00:00:00.000Z'),
    integrations: [{ id: 'i1', name: 'Order Sync', description: '', requiredConnections: [] }],
    // Two drafts with one name: both carry a short id, whichever comes first.
    workflows: [
      { id: 'w2', integrationId: 'i1', name: 'Fetch', doc: doc('Fetch') },
      { id: 'w1', integrationId: 'i1', name: 'Fetch', doc: doc('Fetch') },
      { id: 'w3', integrationId: null, name: 'Ad hoc: Ünïcode / test', doc: doc('Ad hoc') },
    ],
    releases: [{ id: 'r1', integrationId: 'i1', version: 1, notes: '', createdAt: 'x' }],
    versions: [{ id: 'v1', releaseId: 'r1', workflowId: 'w1', name: 'Fetch', doc: doc('Fetch') }],
    mappings: [{ id: 'm1', integrationId: 'i1', name: 'PO → order', doc: mappingDoc }],
    releasedMappings: [{ id: 'rm1', releaseId: 'r1', mappingId: 'm1', name: 'PO → order', doc: mappingDoc }],
    installations: [{ id: 'n1', integrationId: 'i1', customerName: 'Acme Corp', externalId: null, releaseId: 'r1' }],
    custom: [{ id: 'f1', installationId: 'n1', workflowId: 'w1', ancestorVersionId: 'v1', doc: doc('Fetch') }],
    customMappings: [{ id: 'cm1', installationId: 'n1', mappingId: 'm1', ancestorId: 'rm1', doc: mappingDoc }],
  };
}

describe('bundle layout', () => {
  it('names every file after what a person sees, the same way whatever the order', () => {
    const paths = [...contentToFiles(content()).keys()].sort();
    expect(paths).toEqual([
      'integrations/order-sync/installations/acme-corp/installation.json',
      'integrations/order-sync/installations/acme-corp/mappings/po-order.json',
      'integrations/order-sync/installations/acme-corp/workflows/fetch.json',
      'integrations/order-sync/integration.json',
      'integrations/order-sync/mappings/po-order.json',
      'integrations/order-sync/releases/v1/mappings/po-order.json',
      'integrations/order-sync/releases/v1/release.json',
      'integrations/order-sync/releases/v1/workflows/fetch.json',
      'integrations/order-sync/workflows/fetch-w1.json',
      'integrations/order-sync/workflows/fetch-w2.json',
      'manifest.json',
      'workflows/ad-hoc-unicode-test.json',
    ]);
    const reversed = { ...content(), workflows: [...content().workflows].reverse() };
    expect(contentToFiles(reversed)).toEqual(contentToFiles(content()));
  });

  it("reads shared-mapping entries back and imports them with the customer's mapping", async () => {
    const read = readBundleFiles(contentToFiles(content()));
    expect(read.content.customMappings).toEqual(content().customMappings);
    await withEngine(async (engine) => {
      const { repos, database } = engine.context;
      expect(new Set((await previewImport(repos, read.content, false)).map((i) => i.action))).toEqual(new Set(['add']));
      await importContent(database, repos, read.content, false);
      expect(await repos.mappings.releasedIn('r1')).toEqual([expect.objectContaining({ id: 'rm1', mappingId: 'm1', name: 'PO → order' })]);
      expect(await repos.installationMappings.find('n1', 'm1')).toMatchObject({ id: 'cm1', ancestorId: 'rm1', doc: { rules: [expect.objectContaining({ target: 'a' })] } });
      expect((await previewImport(repos, read.content, false)).filter((i) => i.action !== 'unchanged')).toEqual([]);
    });
  });
});
