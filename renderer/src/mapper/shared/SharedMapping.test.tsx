// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MethodResult } from '../../../../engine/api';
import { ClientProvider } from '../../client/context';
import { Inspector } from '../../inspector/Inspector';
import { configOf, fakeClient, renderBlockForm, type FakeClient } from '../../inspector/forms/testing';
import { WorkflowStoreProvider } from '../../store/context';
import { attachSource, workflowSource } from '../../store/source';
import { createWorkflowStore } from '../../store/workflowStore';

afterEach(cleanup);

const NAME = 'NetSuite purchase order → Your App order';

function record(rev: number, rules: MethodResult<'mappings.get'>['doc']['rules']): MethodResult<'mappings.get'> {
  return { id: 'm1', integrationId: 'int1', name: NAME, rev, doc: { id: 'm1', name: NAME, rules, notes: '' }, createdAt: 'now', updatedAt: 'now' };
}

describe('Map Fields with a shared mapping (base editor)', () => {
  it('picks the integration mapping by name and edits its draft, saving from the revision it loaded', async () => {
    let current = record(3, [{ id: 'external_order_id', target: 'external_order_id', source: 'tranId', transforms: [] }]);
    const client = fakeClient({
      'mappings.forWorkflow': () => ({ integrationId: 'int1', mappings: [current] }),
      'mappings.save': (a) => {
        current = record(a.baseRev + 1, a.rules as typeof current.doc.rules);
        return current;
      },
      'mapping.transforms': () => [],
      'mapping.validate': () => ({ ok: true, issues: [] }),
    });
    const { store, blockId } = renderBlockForm('map_fields', client);
    const picker = (await screen.findByRole('option', { name: NAME })).closest('select') as HTMLSelectElement;
    fireEvent.change(picker, { target: { value: NAME } });
    expect(configOf(store, blockId)).toMatchObject({ mapping: NAME });
    expect(configOf(store, blockId)).not.toHaveProperty('rules');
    expect(screen.getByTestId('mapping-summary').textContent).toContain('external_order_id');

    fireEvent.click(screen.getByTestId('open-mapping'));
    fireEvent.click(screen.getByTestId('view-table'));
    const dialog = screen.getByTestId('mapping-editor');
    fireEvent.click(within(dialog).getByTestId('add-rule'));
    fireEvent.change(screen.getByLabelText('Target 2'), { target: { value: 'customer_code' } });
    fireEvent.change(screen.getByLabelText('Source 2'), { target: { value: 'entity.id' } });
    await waitFor(() => expect(client.callsTo('mappings.save').length).toBeGreaterThan(0));
    const saved = client.callsTo('mappings.save').at(-1) as { id: string; baseRev: number; rules: { id: string; target: string }[] };
    expect(saved).toMatchObject({ id: 'm1', baseRev: 3 });
    expect(saved.rules.map((r) => r.target)).toEqual(['external_order_id', 'customer_code']);
    expect(saved.rules[1]?.id).toMatch(/^customer_code_[0-9a-f]{10}$|^rule_[0-9a-f]{10}$/);
    // The block itself keeps only the name: the rules live in the shared mapping.
    expect(configOf(store, blockId)).not.toHaveProperty('rules');
  });

  it('a block naming a mapping the integration lacks shows it as missing, with the engine\'s message', async () => {
    const client = fakeClient({ 'mappings.forWorkflow': () => ({ integrationId: 'int1', mappings: [record(1, [])] }) });
    const { store, blockId } = renderBlockForm('map_fields', client);
    act(() => {
      store.getState().actions.replaceConfig(blockId, { input: '{{ trigger.input }}', mapping: 'Old orders' });
      store.getState().actions.setIssues([{ severity: 'error', blockId, code: 'mapping_not_found', path: 'mapping', message: 'uses the mapping "Old orders", which does not exist' }]);
    });
    await screen.findByRole('option', { name: NAME });
    expect((screen.getByTestId('field-mapping') as HTMLSelectElement).value).toBe('Old orders');
    expect(screen.getByRole('option', { name: 'Old orders (missing)' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('does not exist');
    // Choosing an existing mapping fixes it.
    fireEvent.change(screen.getByTestId('field-mapping'), { target: { value: NAME } });
    expect(configOf(store, blockId)?.mapping).toBe(NAME);
  });
});

/** The inspector of a customer's user-specific version: its Map Fields block names the shared mapping. */
function renderInstallationForm(client: FakeClient) {
  const doc = { schemaVersion: 1, name: 'Listen', notes: '', edges: [], blocks: [{ id: 'map_orders', kind: 'map_fields', name: 'Map to Your App', position: { x: 0, y: 0 }, config: { input: '{{ trigger.input }}', mapping: NAME } }] };
  const store = attachSource(createWorkflowStore({ id: 'f1', name: 'Listen', rev: 1, createdAt: 'now', updatedAt: 'now', doc }), {
    ...workflowSource('f1'), kind: 'userVersion', mappingScope: { kind: 'installation', installationId: 'i1', customerName: 'Acme Corp' },
  });
  render(<ClientProvider client={client}><WorkflowStoreProvider store={store}><Inspector /></WorkflowStoreProvider></ClientProvider>);
  act(() => store.getState().actions.select({ blocks: ['map_orders'], edges: [] }));
  return store;
}

describe('Map Fields with a shared mapping (installation)', () => {
  it('shows the released mapping read-only until "Customise mapping" makes the customer\'s version', async () => {
    let customised = false;
    const rules = [{ id: 'external_order_id', target: 'external_order_id', source: 'tranId', transforms: [] }];
    const view = (): MethodResult<'installationMappings.list'>[number] => ({
      mappingId: 'm1', name: NAME, releasedId: 'rm1', version: 1, ruleCount: 1, updateAvailable: false, diff: null, usedBy: [],
      custom: customised ? { id: 'c1', rev: 1, ancestorVersion: 1, updatedAt: 'now', ruleCount: 1 } : null,
    });
    const custom = { id: 'c1', installationId: 'i1', mappingId: 'm1', ancestorId: 'rm1', ancestorVersion: 1, rev: 1, doc: { id: 'm1', name: NAME, notes: '', rules }, createdAt: 'now', updatedAt: 'now' };
    const client = fakeClient({
      'installationMappings.list': () => [view()],
      'mappings.released': () => ({ id: 'rm1', releaseId: 'r1', version: 1, mappingId: 'm1', name: NAME, doc: { id: 'm1', name: NAME, notes: '', rules } }),
      'installationMappings.get': () => custom,
      'installationMappings.create': () => {
        customised = true;
        return custom;
      },
    });
    renderInstallationForm(client);
    await waitFor(() => expect(screen.getByTestId('shared-mapping-status').textContent).toContain('The released mapping (v1)'));
    expect(screen.queryByTestId('open-mapping')).toBeNull();
    fireEvent.click(screen.getByTestId('customise-mapping'));
    await waitFor(() => expect(screen.getByTestId('shared-mapping-status').textContent).toContain("Acme Corp's own version (based on v1)"));
    expect(client.callsTo('installationMappings.create')).toEqual([{ installationId: 'i1', mappingId: 'm1' }]);
    expect(screen.getByTestId('open-mapping').textContent).toBe('Edit mapping');
  });
});
