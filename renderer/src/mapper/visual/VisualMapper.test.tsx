// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { MethodArgs, MethodResult } from '../../../../engine/api';
import { EngineCallError } from '../../client';
import { configOf, fakeClient, renderBlockForm } from '../../inspector/forms/testing';

// The visual view as an analyst uses it, in jsdom: click a source then a target to map, edit the
// rule in its side panel, undo and redo; and bad input said where the user looks, nothing lost.

afterEach(cleanup);

type Rule = { id: string; target: string; source?: string };

function preview(args: MethodArgs<'mapping.preview'>): MethodResult<'mapping.preview'> {
  const rules = args.rules as Rule[];
  const records = (Array.isArray(args.sample) ? args.sample : [args.sample]) as Record<string, unknown>[];
  return {
    ok: true, issues: [], unmappedTargets: [], unusedSources: [], warnings: [], records: records.map(() => ({ output: {}, errors: [] })),
    rules: rules.map((r) => ({ id: r.id, target: r.target, status: 'ok' as const, values: records.map((rec) => (r.source ? rec[r.source] : null)), errors: [] })),
  };
}

function client(opts: { metadataFails?: boolean } = {}) {
  return fakeClient({
    'mapping.transforms': () => [{ name: 'splitName', kind: 'value', signature: 'splitName(first|middle|last)', summary: 'one part of a full name', output: 'string' }],
    'mapping.validate': () => ({ ok: true, issues: [] }),
    'mapping.preview': preview,
    'connections.list': () => [
      { id: 'ns', name: 'Demo sandbox', kind: 'netsuite', installationId: null, values: {}, createdAt: '', updatedAt: '' },
      { id: 'ya', name: 'Demo Your App', kind: 'your_app', installationId: null, values: {}, createdAt: '', updatedAt: '' },
    ] as unknown as MethodResult<'connections.list'>,
    'mapping.sourceFields': () => {
      if (opts.metadataFails) throw new EngineCallError({ code: 'mapping_metadata_failed', message: "The account's field list could not be read (timeout)." });
      return { fields: [{ path: 'tranId', label: 'PO #' }, { path: 'custbody_ship_via', label: 'Ship Via Code', custom: true }] };
    },
    'mapping.targetFields': (a) => {
      if (a.document !== undefined) throw new EngineCallError({ code: 'mapping_schema_invalid', message: 'The schema is not valid JSON.' });
      return { fields: [{ path: 'external_order_id', label: 'Order ID', required: true, type: 'string' }, { path: 'ship_via', type: 'string' }], from: 'Demo Your App' };
    },
    'mapping.sampleRecords': () => ({ records: [{ tranId: 'PO1', custbody_ship_via: 'UPS' }, { tranId: 'PO2', custbody_ship_via: 'FedEx' }] }),
    'mapping.import': () => {
      throw new EngineCallError({ code: 'mapping_import_row_invalid', message: 'row 3 has a target but no source.', details: { issues: [{ row: 3, message: 'row 3 has a target but no source' }] } });
    },
  });
}

function open(c: ReturnType<typeof client>) {
  const r = renderBlockForm('map_fields', c);
  fireEvent.click(screen.getByTestId('open-mapping'));
  return r;
}

describe('visual mapper', () => {
  it('maps by picking a source then a target, shows labels and live values, edits, undoes and redoes', async () => {
    const c = client();
    const { store, blockId } = open(c);
    fireEvent.click(screen.getByTestId('view-visual'));
    expect((await screen.findByTestId('source-field-custbody_ship_via')).textContent).toMatch(/Ship Via Code\s*custbody_ship_via/);
    expect((await screen.findByTestId('target-field-external_order_id')).textContent).toContain('Order ID');
    fireEvent.click(await screen.findByText('Fetch samples from Demo sandbox'));
    await screen.findByText('Record 1 of 2');

    fireEvent.click(screen.getByTestId('source-field-tranId'));
    fireEvent.click(screen.getByTestId('target-field-external_order_id'));
    expect(configOf(store, blockId)?.rules).toMatchObject([{ target: 'external_order_id', source: 'tranId' }]);
    await waitFor(() => expect(screen.getByTestId('value-external_order_id').textContent).toBe('PO1'));
    expect(screen.getByTestId('coverage-required').textContent).toBe('1 of 1 required mapped');
    fireEvent.click(screen.getByLabelText('Next record'));
    await waitFor(() => expect(screen.getByTestId('value-external_order_id').textContent).toBe('PO2'));

    // The side panel opened on the new rule: add a transform with its own form.
    fireEvent.change(screen.getByTestId('add-transform'), { target: { value: 'splitName' } });
    fireEvent.change(screen.getByTestId('tf-splitname-part'), { target: { value: 'last' } });
    expect(configOf(store, blockId)?.rules).toMatchObject([{ transforms: [{ name: 'splitName', args: ['last'] }] }]);

    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(configOf(store, blockId)?.rules).toMatchObject([{ transforms: [{ name: 'splitName', args: ['first'] }] }]);
    fireEvent.click(screen.getByTestId('mapper-undo'));
    fireEvent.click(screen.getByTestId('mapper-undo'));
    expect(configOf(store, blockId)?.rules).toEqual([]);
    fireEvent.click(screen.getByTestId('mapper-redo'));
    expect(configOf(store, blockId)?.rules).toMatchObject([{ target: 'external_order_id', transforms: [] }]);
    // Delete removes the selected rule, and is undoable like the rest.
    fireEvent.click(screen.getByTestId('target-field-external_order_id'));
    fireEvent.keyDown(window, { key: 'Delete' });
    expect(configOf(store, blockId)?.rules).toEqual([]);
  });

  it('says what failed where the user looks and keeps what is mapped', async () => {
    const c = client({ metadataFails: true });
    const { store, blockId } = open(c);
    fireEvent.click(screen.getByTestId('view-visual'));
    expect((await screen.findByTestId('source-fields-error')).textContent).toContain('could not be read');
    fireEvent.click(await screen.findByText('Fetch samples from Demo sandbox'));
    // The sample's own fields still fill the source tree.
    fireEvent.click(await screen.findByTestId('source-field-custbody_ship_via'));
    fireEvent.click(screen.getByTestId('target-field-ship_via'));
    const mapped = configOf(store, blockId)?.rules;
    expect(mapped).toMatchObject([{ target: 'ship_via', source: 'custbody_ship_via' }]);

    fireEvent.click(screen.getByTestId('paste-sample'));
    fireEvent.change(screen.getByTestId('paste-sample-text'), { target: { value: '{"tranId": ' } });
    fireEvent.click(screen.getByTestId('paste-sample-use'));
    expect(screen.getByTestId('sample-error').textContent).toContain('not valid JSON');

    fireEvent.click(screen.getByTestId('schema-paste'));
    fireEvent.change(screen.getByTestId('schema-text'), { target: { value: '{nope' } });
    fireEvent.click(screen.getByTestId('schema-use'));
    expect((await screen.findByTestId('schema-error')).textContent).toContain('not valid JSON');
    expect(screen.getByTestId('target-field-ship_via')).toBeTruthy();

    fireEvent.change(screen.getByTestId('mapping-import-file'), { target: { files: [new File(['Your App,NetSuite\na,b\nc,\n'], 'broken.csv', { type: 'text/csv' })] } });
    expect((await screen.findByTestId('import-row-errors')).textContent).toContain('Row 3: row 3 has a target but no source');
    expect(screen.getByTestId('import-error').textContent).toContain('Nothing was changed.');
    expect(configOf(store, blockId)?.rules).toEqual(mapped);
  });
});
