// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MethodResult } from '../../../engine/api';
import { ClientProvider } from '../client/context';
import { fakeClient } from '../inspector/forms/testing';
import { ExportBundleDialog } from './ExportBundleDialog';
import { ImportBundleDialog } from './ImportBundleDialog';

afterEach(cleanup);

type Item = MethodResult<'bundles.preview'>['items'][number];
const release: Item = { kind: 'release', id: 'r3', name: 'Order Sync v3', action: 'conflict', reason: 'v3 was released separately here with other content.' };
const draft: Item = { kind: 'workflow', id: 'w1', name: 'Order Sync › Fetch Historical Orders (draft)', action: 'update' };

describe('Import bundle dialog', () => {
  it('lists what conflicts, imports nothing until the user chooses a copy, then imports', async () => {
    const client = fakeClient({
      'bundles.preview': (a) => ({ formatVersion: 2, exportedAt: 'x', items: a.asCopy ? [{ ...release, id: 'n1', action: 'add' }, { ...draft, id: 'n2', action: 'add' }] : [release, draft] }),
      'bundles.import': () => ({ items: [], workflows: [], integrations: [{ id: 'n0', name: 'Order Sync', releases: 3 }] }),
    });
    let imported = 0;
    render(<ClientProvider client={client}><ImportBundleDialog fileName="order-sync.patchbay" base64="UEsDBA==" onClose={() => undefined} onImported={() => (imported += 1)} /></ClientProvider>);
    const conflicts = await screen.findByTestId('plan-conflict');
    expect(conflicts.textContent).toContain('Order Sync v3');
    expect(conflicts.textContent).toContain('released separately here');
    expect(within(screen.getByTestId('plan-update')).getByText(/Fetch Historical Orders/)).toBeTruthy();
    expect((screen.getByTestId('import-bundle-confirm') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('import-as-copy'));
    await waitFor(() => expect(screen.queryByTestId('plan-conflict')).toBeNull());
    expect(screen.getByTestId('plan-add').textContent).toContain('Order Sync v3');
    fireEvent.click(screen.getByTestId('import-bundle-confirm'));
    expect((await screen.findByTestId('import-bundle-done')).textContent).toContain('Open Order Sync');
    expect(client.callsTo('bundles.import')).toEqual([{ base64: 'UEsDBA==', asCopy: true }]);
    expect(imported).toBe(1);
  });

  it('shows a refused bundle in words, with nothing to import', async () => {
    const client = fakeClient({
      'bundles.preview': () => {
        throw Object.assign(new Error('"integrations/x/workflows/y.json" starts with a byte order mark (BOM); save it as UTF-8 without BOM, or export the bundle again.'), { code: 'bundle_not_canonical' });
      },
    });
    render(<ClientProvider client={client}><ImportBundleDialog fileName="x.patchbay" base64="AA==" onClose={() => undefined} onImported={() => undefined} /></ClientProvider>);
    expect((await screen.findByTestId('import-bundle-error')).textContent).toContain('byte order mark');
    expect((screen.getByTestId('import-bundle-confirm') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Export bundle dialog', () => {
  it('exports the ticked integration with the releases and user-specific versions the user keeps', async () => {
    const client = fakeClient({
      'bundles.choices': () => ({
        integrations: [{
          id: 'i1', name: 'Order Sync',
          releases: [{ id: 'r1', version: 1, notes: '', createdAt: 'x' }, { id: 'r2', version: 2, notes: '', createdAt: 'x' }],
          customers: [{ installationId: 'n1', customerName: 'Acme Corp', workflows: ['Fetch Historical Orders'], mappings: ['PO → order'] }],
        }],
        workflows: [],
      }),
      'bundles.export': () => ({ fileName: 'order-sync.patchbay', base64: 'UEsDBA==', bytes: 4, counts: { workflows: 0, integrations: 1, releases: 1, custom: 1 }, scrubbed: [] }),
    });
    // jsdom has no object URLs; the download itself is the e2e test's business.
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    let closed = false;
    render(<ClientProvider client={client}><ExportBundleDialog integrationId="i1" onClose={() => (closed = true)} /></ClientProvider>);
    const dialog = await screen.findByTestId('export-bundle-dialog');
    fireEvent.click(await within(dialog).findByLabelText('v1'));
    fireEvent.click(within(dialog).getByLabelText(/Acme Corp/));
    fireEvent.click(screen.getByTestId('export-bundle-confirm'));
    await waitFor(() => expect(closed).toBe(true));
    expect(client.callsTo('bundles.export')).toEqual([{ integrationIds: ['i1'], releaseIds: ['r2'], installationIds: ['n1'], workflowIds: [] }]);
  });
});
