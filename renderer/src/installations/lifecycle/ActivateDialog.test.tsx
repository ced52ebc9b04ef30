// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MethodName, MethodResult } from '../../../../engine/api';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import type { ActivationPreview } from '../../../../engine/api/methods/lifecycle';
import type { Transport } from '../../client';
import { ClientProvider } from '../../client/context';
import { ActivateDialog } from './ActivateDialog';

afterEach(cleanup);

const inst = { id: 'i1', customerName: 'Acme', status: 'installed', lifecycle: 'configuring' } as InstallationRecord;

function client(preview: ActivationPreview, calls: string[]): Transport {
  return {
    async call<M extends MethodName>(method: M): Promise<MethodResult<M>> {
      calls.push(method);
      if (method === 'installations.activationPreview') return preview as MethodResult<M>;
      if (method === 'installations.activate') return { installation: { ...inst, lifecycle: 'active' }, runs: [] } as unknown as MethodResult<M>;
      throw new Error(`unexpected ${method}`);
    },
    subscribe: () => () => undefined,
  };
}

describe('activate dialog', () => {
  it('lists what to fix and will not activate while a connection fails', async () => {
    const calls: string[] = [];
    const preview: ActivationPreview = {
      lifecycle: 'configuring', ready: false, backfills: [],
      problems: [{ kind: 'connection', connectionKey: 'netsuite', message: '"Customer\'s NetSuite account" failed its test (invalid token); fix its credentials on the Connections page, then activate.' }],
      schedules: [{ workflowId: 'w2', name: 'Listen for New and Updated Orders', every: 'every 5 minutes' }],
    };
    const marked: (string | null)[] = [];
    render(<ClientProvider client={client(preview, calls)}><ActivateDialog installation={inst} onClose={() => undefined} onActivated={() => undefined} onAttention={(k) => marked.push(k)} /></ClientProvider>);
    expect((await screen.findByTestId('activate-problems')).textContent).toContain('failed its test (invalid token); fix its credentials on the Connections page');
    expect(screen.getByTestId('activate-summary').textContent).toContain('Listen for New and Updated Orders runs every 5 minutes.');
    const confirm = screen.getByTestId('activate-confirm');
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.click(confirm);
    expect(calls).not.toContain('installations.activate');
    // The page marks the failing connection's row.
    await waitFor(() => expect(marked).toEqual(['netsuite']));
  });

  it('will not activate while the backfill is still held by its Stop block, and says how to release it', async () => {
    const calls: string[] = [];
    const preview: ActivationPreview = {
      lifecycle: 'configuring', ready: false, schedules: [],
      problems: [{ kind: 'held_backfill', workflowId: 'w1', message: '"Fetch Historical Orders" is still held by its Stop block "Wait for the mapping": agree the mapping with the customer, remove "Wait for the mapping" in the customer\'s version of "Fetch Historical Orders", then activate.' }],
      backfills: [{ workflowId: 'w1', name: 'Fetch Historical Orders', heldBy: 'Wait for the mapping' }],
    };
    render(<ClientProvider client={client(preview, calls)}><ActivateDialog installation={inst} onClose={() => undefined} onActivated={() => undefined} /></ClientProvider>);
    expect((await screen.findByTestId('activate-problems')).textContent).toContain('still held by its Stop block "Wait for the mapping": agree the mapping');
    expect(screen.getByTestId('activate-summary').textContent).toContain('Fetch Historical Orders waits at "Wait for the mapping"');
    expect(screen.getByTestId('activate-summary').textContent).not.toContain('runs once now');
    fireEvent.click(screen.getByTestId('activate-confirm'));
    expect(screen.getByTestId('activate-confirm')).toHaveProperty('disabled', true);
    expect(calls).not.toContain('installations.activate');
  });

  it('says the backfill runs now and activates when nothing is wrong', async () => {
    const calls: string[] = [];
    const activated: InstallationRecord[] = [];
    const preview: ActivationPreview = { lifecycle: 'configuring', ready: true, problems: [], schedules: [], backfills: [{ workflowId: 'w1', name: 'Fetch Historical Orders', heldBy: null }] };
    render(<ClientProvider client={client(preview, calls)}><ActivateDialog installation={inst} onClose={() => undefined} onActivated={(r) => activated.push(r)} /></ClientProvider>);
    expect((await screen.findByTestId('activate-summary')).textContent).toContain('Fetch Historical Orders runs once now (the backfill).');
    fireEvent.click(screen.getByTestId('activate-confirm'));
    await waitFor(() => expect(activated.map((r) => r.lifecycle)).toEqual(['active']));
    expect(calls).toContain('installations.activate');
  });
});
