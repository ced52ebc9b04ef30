// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MethodResult } from '../../../engine/api';
import { ClientProvider } from '../client/context';
import { configOf, fakeClient, renderBlockForm } from '../inspector/forms/testing';
import { MASKED_SECRET } from './api';
import { ConnectionsPage } from './ConnectionsPage';

afterEach(cleanup);

type Conn = MethodResult<'connections.get'>;
const at = '2026-01-01T00:00:00.000Z';
const acme: Conn = {
  id: 'c1', name: 'Acme sandbox', kind: 'netsuite', installationId: null, hideResponseBodies: false, usedBy: [], createdAt: at, updatedAt: at,
  values: { accountId: '1234567_SB1', consumerKey: MASKED_SECRET, consumerSecret: MASKED_SECRET, tokenId: MASKED_SECRET, tokenSecret: MASKED_SECRET, baseUrl: '', concurrency: null },
};
const shop: Conn = { id: 'c2', name: 'Shop API', kind: 'your_app', installationId: null, hideResponseBodies: false, usedBy: [], createdAt: at, updatedAt: at, values: { baseUrl: 'http://127.0.0.1:9', apiKey: MASKED_SECRET } };

function client() {
  return fakeClient({
    'connections.list': () => [acme, shop],
    'connections.kinds': () => [
      {
        kind: 'netsuite',
        label: 'NetSuite (token-based auth)',
        fields: [
          { key: 'accountId', label: 'Account ID', secret: false, required: true, type: 'text' },
          { key: 'consumerKey', label: 'Consumer key', secret: true, required: true, type: 'text' },
          { key: 'tokenSecret', label: 'Token secret', secret: true, required: true, type: 'text' },
          { key: 'concurrency', label: 'Concurrent requests', secret: false, required: false, type: 'number' },
        ],
      },
      { kind: 'your_app', label: 'Your App API', fields: [{ key: 'apiKey', label: 'API key', secret: true, required: true, type: 'text' }] },
    ],
    'connections.save': (a) => ({ ...acme, name: a.name }),
    'connections.test': (a) => (a.values?.tokenSecret === 'wrong' ? { ok: false, code: 'auth_failed', message: 'NetSuite refused the token.' } : { ok: true, code: null, message: 'Connected to 1234567_SB1.' }),
  });
}

describe('Connections page', () => {
  it('edits a connection without ever re-sending its stored secrets', async () => {
    const c = client();
    render(<ClientProvider client={c}><ConnectionsPage /></ClientProvider>);
    fireEvent.click(await screen.findByTestId('edit-connection-c1'));
    const form = screen.getByTestId('connection-form');
    const key = within(form).getByTestId('connection-field-consumerKey') as HTMLInputElement;
    expect(key.value).toBe('');
    expect(key.placeholder).toContain(MASKED_SECRET);
    expect(key.type).toBe('password');
    fireEvent.change(within(form).getByTestId('connection-field-tokenSecret'), { target: { value: 'wrong' } });
    fireEvent.click(within(form).getByTestId('connection-test'));
    expect((await screen.findByTestId('connection-test-result')).textContent).toBe('✗ auth_failed: NetSuite refused the token.');
    expect(c.callsTo('connections.test')).toEqual([{ id: 'c1', kind: 'netsuite', values: { accountId: '1234567_SB1', tokenSecret: 'wrong', concurrency: null } }]);

    fireEvent.change(within(form).getByTestId('connection-field-tokenSecret'), { target: { value: 'new-secret' } });
    fireEvent.change(within(form).getByTestId('connection-field-concurrency'), { target: { value: '3' } });
    fireEvent.click(within(form).getByTestId('connection-save'));
    // The form closes once the save has answered.
    await waitFor(() => expect(screen.queryByTestId('connection-form')).toBeNull());
    expect(c.callsTo('connections.save')).toEqual([
      { id: 'c1', name: 'Acme sandbox', kind: 'netsuite', installationId: null, values: { accountId: '1234567_SB1', tokenSecret: 'new-secret', concurrency: 3 } },
    ]);
  });

  it('cannot save a new connection until its required fields are filled', async () => {
    render(<ClientProvider client={client()}><ConnectionsPage /></ClientProvider>);
    await screen.findByTestId('connection-list');
    fireEvent.click(screen.getByTestId('new-connection'));
    const save = screen.getByTestId('connection-save') as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('connection-name'), { target: { value: 'Globex' } });
    fireEvent.change(screen.getByTestId('connection-field-accountId'), { target: { value: '7654321' } });
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Fill in Consumer key, Token secret');
    fireEvent.change(screen.getByTestId('connection-field-consumerKey'), { target: { value: 'ck' } });
    fireEvent.change(screen.getByTestId('connection-field-tokenSecret'), { target: { value: 'ts' } });
    expect(save.disabled).toBe(false);
  });

  it('shows who uses each connection and will not delete one in use; an unused one deletes after a confirm', async () => {
    const used: Conn = { ...shop, usedBy: [{ installationId: 'i1', customerName: 'Acme' }, { installationId: 'i2', customerName: 'Globex' }] };
    const c = fakeClient({
      'connections.list': () => [acme, used],
      'connections.kinds': () => [],
      'connections.delete': () => ({ deleted: true }),
    });
    render(<ClientProvider client={c}><ConnectionsPage /></ClientProvider>);
    const usedBy = await screen.findByTestId('connection-used-by-c2');
    expect(usedBy.textContent).toBe('Acme, Globex');
    expect(within(usedBy).getByText('Acme').getAttribute('href')).toBe('#/installations/i1');
    expect(screen.getByTestId('connection-used-by-c1').textContent).toBe('—');

    fireEvent.click(screen.getByTestId('delete-connection-c2'));
    expect(screen.getByTestId('connection-in-use-c2').textContent).toBe('Used by Acme, Globex; choose another connection for those installations first.');
    expect(screen.queryByTestId('confirm-delete-c2')).toBeNull();

    fireEvent.click(screen.getByTestId('delete-connection-c1'));
    fireEvent.click(screen.getByTestId('confirm-delete-c1'));
    await waitFor(() => expect(c.callsTo('connections.delete')).toEqual([{ id: 'c1' }]));
  });

  it('says in words why the engine refused a delete', async () => {
    const c = fakeClient({
      'connections.list': () => [acme],
      'connections.kinds': () => [],
      'connections.delete': () => {
        throw Object.assign(new Error('Connection "Acme sandbox" is used by the installation "Initech"; choose another connection for it (or uninstall it) first, then delete this one.'), { code: 'connection_in_use' });
      },
    });
    render(<ClientProvider client={c}><ConnectionsPage /></ClientProvider>);
    fireEvent.click(await screen.findByTestId('delete-connection-c1'));
    fireEvent.click(screen.getByTestId('confirm-delete-c1'));
    expect((await screen.findByRole('alert')).textContent).toContain('is used by the installation "Initech"; choose another connection for it');
  });
});

describe('NetSuite auth modes in the connection form', () => {
  const m2m = { key: 'authMode', values: ['oauth2'] };
  const tba = { key: 'authMode', values: ['tba'] };
  const modes = () =>
    fakeClient({
      'connections.list': () => [],
      'connections.kinds': () => [
        {
          kind: 'netsuite',
          label: 'NetSuite',
          fields: [
            { key: 'accountId', label: 'Account ID', secret: false, required: true, type: 'text' },
            { key: 'authMode', label: 'Authentication', secret: false, required: false, type: 'select', options: [{ value: 'tba', label: 'Token-based' }, { value: 'oauth2', label: 'OAuth 2.0 machine to machine' }] },
            { key: 'tokenSecret', label: 'Token secret', secret: true, required: true, type: 'text', showWhen: tba },
            { key: 'clientId', label: 'Client ID', secret: false, required: true, type: 'text', showWhen: m2m },
            { key: 'privateKey', label: 'Private key', secret: true, required: true, type: 'text', multiline: true, showWhen: m2m },
          ],
        },
      ],
      'connections.save': (a) => ({ ...acme, name: a.name }),
    });

  it('shows and requires only the chosen mode\'s fields, and takes a multi-line private key', async () => {
    const c = modes();
    render(<ClientProvider client={c}><ConnectionsPage /></ClientProvider>);
    await screen.findByText('No connections yet.');
    fireEvent.click(screen.getByTestId('new-connection'));
    expect(await screen.findByTestId('connection-field-tokenSecret')).toBeTruthy();
    expect(screen.queryByTestId('connection-field-privateKey')).toBeNull();
    fireEvent.change(screen.getByTestId('connection-field-authMode'), { target: { value: 'oauth2' } });
    expect(screen.queryByTestId('connection-field-tokenSecret')).toBeNull();
    const key = screen.getByTestId('connection-field-privateKey');
    expect(key.tagName).toBe('TEXTAREA');
    fireEvent.change(screen.getByTestId('connection-name'), { target: { value: 'Globex M2M' } });
    fireEvent.change(screen.getByTestId('connection-field-accountId'), { target: { value: '7654321' } });
    const save = screen.getByTestId('connection-save') as HTMLButtonElement;
    expect(save.title).toBe('Fill in Client ID, Private key');
    const pem = '-----BEGIN PRIVATE KEY-----\nMIGH\nAgEA\n-----END PRIVATE KEY-----';
    fireEvent.change(screen.getByTestId('connection-field-clientId'), { target: { value: 'client-1' } });
    fireEvent.change(key, { target: { value: pem } });
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    await waitFor(() => expect(c.callsTo('connections.save')).toHaveLength(1));
    expect(c.callsTo('connections.save')[0]).toMatchObject({ kind: 'netsuite', values: { accountId: '7654321', authMode: 'oauth2', clientId: 'client-1', privateKey: pem } });
    expect(Object.keys((c.callsTo('connections.save')[0] as { values: object }).values)).not.toContain('tokenSecret');
  });
});

describe('NetSuite block forms', () => {
  it('picks a NetSuite connection (other kinds are not offered) and sets a watermark fetch', async () => {
    const { store, blockId } = renderBlockForm('netsuite_fetch_orders', client());
    const picker = screen.getByTestId('field-connectionId') as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Acme sandbox' });
    expect([...picker.options].map((o) => o.textContent)).toEqual(['Choose a connection…', 'Acme sandbox', 'Reference…']);
    fireEvent.change(picker, { target: { value: 'c1' } });
    fireEvent.change(screen.getByTestId('field-fetchMode'), { target: { value: 'since' } });
    fireEvent.change(screen.getByTestId('field-modifiedSince'), { target: { value: '{{ vars.watermark }}' } });
    fireEvent.change(screen.getByTestId('field-strategy'), { target: { value: 'record' } });
    fireEvent.click(screen.getByTestId('field-hasLimit'));
    expect(configOf(store, blockId)).toEqual({ connectionId: 'c1', strategy: 'record', modifiedSince: '{{ vars.watermark }}', keepWatermark: false, overlapMinutes: 0, pageSize: 1000, streamPages: true, limit: 10 });
  });

  it('shows a kept-watermark fetch (the listener template\'s "Fetch changed orders") as changed orders, not all', async () => {
    const { store, blockId } = renderBlockForm('netsuite_fetch_orders', client());
    await screen.findByRole('option', { name: 'Acme sandbox' });
    act(() => store.getState().actions.updateConfig(blockId, { keepWatermark: true, overlapMinutes: 10 }));
    const mode = screen.getByTestId('field-fetchMode') as HTMLSelectElement;
    expect(mode.selectedOptions[0]?.textContent).toMatch(/Changed since the last successful run/);
    expect((screen.getByTestId('field-overlapMinutes') as HTMLInputElement).value).toBe('10');
    fireEvent.change(mode, { target: { value: 'all' } });
    expect(configOf(store, blockId)).toMatchObject({ keepWatermark: false, modifiedSince: '' });
  });

  it('writes a SuiteQL Query with its ? values in the generic form', async () => {
    const { store, blockId } = renderBlockForm('netsuite_suiteql', client());
    await screen.findByRole('option', { name: 'Acme sandbox' });
    fireEvent.change(screen.getByTestId('field-connectionId'), { target: { value: 'c1' } });
    fireEvent.change(screen.getByTestId('field-query'), { target: { value: 'SELECT TOP 10 id FROM transaction WHERE id > ?' } });
    fireEvent.change(screen.getByTestId('field-params'), { target: { value: '{{ vars.lastId }}' } });
    expect(configOf(store, blockId)).toMatchObject({ connectionId: 'c1', query: 'SELECT TOP 10 id FROM transaction WHERE id > ?', params: '{{ vars.lastId }}', pageSize: 1000 });
  });

  it('updates chosen fields of a purchase order; null clears one', async () => {
    const { store, blockId } = renderBlockForm('netsuite_update_order', client());
    fireEvent.change(screen.getByTestId('field-id'), { target: { value: '{{ item.id }}' } });
    fireEvent.click(screen.getByText('+ Add field'));
    fireEvent.change(screen.getByLabelText('Fields name 1'), { target: { value: 'custbody_tracking_number' } });
    fireEvent.change(screen.getByLabelText('Fields value 1'), { target: { value: '{{ trigger.input.tracking }}' } });
    fireEvent.click(screen.getByText('+ Add field'));
    fireEvent.change(screen.getByLabelText('Fields name 2'), { target: { value: 'memo' } });
    fireEvent.change(screen.getByLabelText('Fields value 2'), { target: { value: 'null' } });
    expect(configOf(store, blockId)?.fields).toEqual({ custbody_tracking_number: '{{ trigger.input.tracking }}', memo: null });
  });
});
