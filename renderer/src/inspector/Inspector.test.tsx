// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { WorkflowRecord } from '../../../engine/api';
import type { MethodName, MethodResult } from '../../../engine/api';
import { ClientProvider } from '../client/context';
import type { Transport } from '../client';
import { WorkflowStoreProvider } from '../store/context';
import { createWorkflowStore, type WorkflowStore } from '../store/workflowStore';
import { Inspector } from './Inspector';
import '../catalog/testing';

afterEach(cleanup);

function setup(): WorkflowStore {
  const record: WorkflowRecord = {
    id: 'wf',
    name: 'Orders',
    rev: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    doc: { schemaVersion: 1, name: 'Orders', blocks: [], edges: [], notes: '' },
  };
  const store = createWorkflowStore(record);
  render(
    <ClientProvider client={fakeClient}>
      <WorkflowStoreProvider store={store}>
        <Inspector />
      </WorkflowStoreProvider>
    </ClientProvider>,
  );
  return store;
}

// The workflow belongs to an integration that needs each customer's Your App API connection.
const fakeClient: Transport = {
  async call<M extends MethodName>(method: M): Promise<MethodResult<M>> {
    const answer = (v: unknown) => v as MethodResult<M>;
    if (method === 'integrations.list') {
      return answer([{ id: 'i1', name: 'Order Sync', description: '', requiredConnections: [{ key: 'your_app', kind: 'your_app', label: 'Your App API' }],
        workflows: [{ id: 'wf', name: 'Orders', rev: 1 }], latestRelease: null, createdAt: '', updatedAt: '' }]);
    }
    if (method === 'connections.list') return answer([{ id: 'c1', name: 'Demo Your App', kind: 'your_app', installationId: null, values: {}, createdAt: '', updatedAt: '' }]);
    throw new Error(`unexpected ${method}`);
  },
  subscribe: () => () => undefined,
};

function select(store: WorkflowStore, id: string) {
  act(() => store.getState().actions.select({ blocks: [id], edges: [] }));
}

function config(store: WorkflowStore, id: string) {
  return store.getState().doc.blocks.find((b) => b.id === id)?.config;
}

describe('inspector forms', () => {
  it('edits a JSON API Call: method, URL, headers, connection; a half-typed body is not written', async () => {
    const store = setup();
    act(() => void store.getState().actions.addBlock('http_request', { x: 0, y: 0 }));
    select(store, 'call');
    expect(screen.getByText('{{ steps.call.output }}')).toBeTruthy();

    fireEvent.change(screen.getByTestId('field-method'), { target: { value: 'POST' } });
    fireEvent.change(screen.getByTestId('field-url'), { target: { value: 'http://127.0.0.1:9/orders/{{ trigger.input.id }}' } });
    fireEvent.click(screen.getByText('+ Add header'));
    fireEvent.change(screen.getByLabelText('Headers name 1'), { target: { value: 'X-Api-Key' } });
    fireEvent.change(screen.getByLabelText('Headers value 1'), { target: { value: 'abc' } });
    expect(config(store, 'call')).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:9/orders/{{ trigger.input.id }}',
      headers: { 'X-Api-Key': 'abc' },
    });

    const body = screen.getByTestId('field-body');
    fireEvent.change(body, { target: { value: '{"id": "{{ trigger.input.id }}"' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON yet/);
    expect(config(store, 'call')?.body).toBeNull();
    // A body pasted thousands of levels deep is refused with the engine's reason, not a crash.
    fireEvent.change(body, { target: { value: `{"id": ${'['.repeat(5000)}${']'.repeat(5000)}}` } });
    expect(screen.getByRole('alert').textContent).toMatch(/nested more than 256 levels deep/);
    expect(config(store, 'call')?.body).toBeNull();
    fireEvent.change(body, { target: { value: '{"id": "{{ trigger.input.id }}"}' } });
    expect(config(store, 'call')?.body).toEqual({ id: '{{ trigger.input.id }}' });
    expect(screen.queryByRole('alert')).toBeNull();

    // The connection is a choice of the integration's required connections, not a typed template.
    await screen.findByRole('option', { name: 'Your App API' });
    fireEvent.change(screen.getByTestId('field-connectionId'), { target: { value: '{{ installation.connections.your_app }}' } });
    expect(config(store, 'call')?.connectionId).toBe('{{ installation.connections.your_app }}');
    expect((screen.getByTestId('field-connectionId') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Your App API');
    expect(screen.queryByTestId('field-connectionRef')).toBeNull();
    act(() => store.getState().actions.undo());

    // Undo reaches the form: the URL field shows the previous value again.
    act(() => store.getState().actions.undo());
    act(() => store.getState().actions.undo());
    act(() => store.getState().actions.undo());
    act(() => store.getState().actions.undo());
    expect((screen.getByTestId('field-url') as HTMLInputElement).value).toBe('');
  });

  it('builds Branch conditions; operators without a value hide the value input', () => {
    const store = setup();
    act(() => void store.getState().actions.addBlock('branch', { x: 0, y: 0 }));
    select(store, 'branch');
    fireEvent.change(screen.getByLabelText('Condition 1 field'), { target: { value: '{{ steps.call.output.status }}' } });
    fireEvent.change(screen.getByLabelText('Condition 1 value'), { target: { value: '200' } });
    fireEvent.click(screen.getByText('+ Add condition'));
    fireEvent.change(screen.getByLabelText('Condition 2 field'), { target: { value: '{{ steps.call.output.body.items }}' } });
    fireEvent.change(screen.getByLabelText('Condition 2 operator'), { target: { value: 'not_empty' } });
    expect(screen.queryByLabelText('Condition 2 value')).toBeNull();
    fireEvent.change(screen.getByTestId('field-combinator'), { target: { value: 'or' } });
    expect(config(store, 'branch')).toEqual({
      mode: 'conditions',
      combinator: 'or',
      conditions: [
        { field: '{{ steps.call.output.status }}', operator: 'eq', value: '200' },
        { field: '{{ steps.call.output.body.items }}', operator: 'not_empty', value: '' },
      ],
    });
    fireEvent.change(screen.getByTestId('field-mode'), { target: { value: 'expression' } });
    expect(screen.getByTestId('field-expression')).toBeTruthy();
  });

  it('shows validation issues on the block and next to the field they name', () => {
    const store = setup();
    act(() => void store.getState().actions.addBlock('http_request', { x: 0, y: 0 }));
    select(store, 'call');
    act(() =>
      store.getState().actions.setIssues([
        { severity: 'error', blockId: 'call', code: 'invalid_config', message: 'URL must be an absolute http(s) URL', path: 'config.url' },
        { severity: 'error', blockId: 'call', code: 'unknown_reference', message: 'steps.nope is not an earlier block' },
        { severity: 'error', blockId: null, code: 'missing_trigger', message: 'The workflow needs a Trigger block' },
      ]),
    );
    const list = screen.getByTestId('block-issues');
    expect(list.textContent).toContain('steps.nope is not an earlier block');
    expect(screen.getAllByText('URL must be an absolute http(s) URL').length).toBeGreaterThanOrEqual(2); // list + field
    expect(screen.getByTestId('field-url').closest('.field')?.className).toContain('field-invalid');
    // The workflow-level issue appears when no block is selected.
    act(() => store.getState().actions.select({ blocks: [], edges: [] }));
    expect(within(screen.getByTestId('workflow-issues')).getByText(/needs a Trigger/)).toBeTruthy();
  });

  it('falls back to a JSON form for kinds without one', () => {
    const store = setup();
    act(() => void store.getState().actions.addBlock('netsuite_get_record', { x: 0, y: 0 }));
    select(store, 'netsuite_get_record');
    const area = screen.getByTestId('field-config');
    fireEvent.change(area, { target: { value: '{"recordType": "purchaseOrder", "id": "{{ item.id }}"}' } });
    expect(config(store, 'netsuite_get_record')).toEqual({ recordType: 'purchaseOrder', id: '{{ item.id }}' });
    fireEvent.change(area, { target: { value: '[1, 2]' } }); // not an object: ignored
    expect(config(store, 'netsuite_get_record')).toEqual({ recordType: 'purchaseOrder', id: '{{ item.id }}' });
  });
});
