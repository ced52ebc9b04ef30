// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { MethodName, MethodResult } from '../../../../engine/api';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import type { UpgradePreview } from '../../../../engine/api/methods/lifecycle';
import { EngineCallError, type Transport } from '../../client';
import { ClientProvider } from '../../client/context';
import { UpgradeSection } from './UpgradeSection';

afterEach(cleanup);

const inst = { id: 'i1', customerName: 'Acme', status: 'installed', lifecycle: 'active', version: 1, latestVersion: 2 } as InstallationRecord;

const preview: UpgradePreview = {
  fromVersion: 1, toVersion: 2, releaseId: 'r2', blocked: true, willRun: [], regression: null,
  mappings: [{ mappingId: 'm1', name: 'NetSuite purchase order → Your App order', plan: 'rebase_clean', customised: true, conflicts: 0, message: "The customer's rules are rebased." }],
  workflows: [
    { workflowId: 'w1', name: 'Fetch Historical Orders', plan: 'unchanged', customised: true, conflicts: 0, message: 'Unchanged in this release.' },
    { workflowId: 'w2', name: 'Listen for New and Updated Orders', plan: 'rebase_conflicts', customised: true, conflicts: 2, message: '2 conflicts: decide each conflict.' },
    { workflowId: 'w3', name: 'Write Back Tracking Number', plan: 'fast_forward', customised: false, conflicts: 0, message: 'Moves to the new base version.' },
  ],
};

describe('upgrade section', () => {
  it('previews every workflow in words and will not upgrade while conflicts are undecided', async () => {
    const calls: string[] = [];
    const client: Transport = {
      async call<M extends MethodName>(method: M): Promise<MethodResult<M>> {
        calls.push(method);
        if (method === 'installations.upgradePreview') return preview as MethodResult<M>;
        throw new Error(`unexpected ${method}`);
      },
      subscribe: () => () => undefined,
    };
    render(<ClientProvider client={client}><UpgradeSection installation={inst} onUpgraded={() => undefined} /></ClientProvider>);
    expect(screen.getByTestId('upgrade-status').textContent).toBe('On v1. v2 is available.');
    fireEvent.click(screen.getByTestId('upgrade-preview'));
    await screen.findByTestId('upgrade-plan');
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.plan-badge')?.textContent)).toEqual(['unchanged', 'rebase (conflicts)', 'fast-forward', 'rebase (clean)']);
    expect(screen.getByTestId('upgrade-plan-mapping-m1').textContent).toContain('NetSuite purchase order → Your App order');
    expect(screen.getByTestId('upgrade-will-run').textContent).toContain('not run again');
    expect(screen.getByTestId('upgrade-blocked').textContent).toContain('decide its conflicts');
    expect(screen.getByTestId('upgrade-apply')).toHaveProperty('disabled', true);
    expect(calls).toEqual(['installations.upgradePreview']);
  });

  it('after an upgrade that stood although an on-upgrade run could not start, says so and offers no second upgrade', async () => {
    const calls: string[] = [];
    const upgraded: InstallationRecord[] = [];
    const partial = 'Upgraded to v2, but not everything ran on upgrade: "Migrate state" is already running for Acme; wait for it to finish or cancel it, then run it again.';
    const client: Transport = {
      async call<M extends MethodName>(method: M): Promise<MethodResult<M>> {
        calls.push(method);
        if (method === 'installations.upgradePreview') return { ...preview, blocked: false, willRun: [{ workflowId: 'w4', name: 'Migrate state' }] } as MethodResult<M>;
        if (method === 'installations.upgrade') throw new EngineCallError({ code: 'upgrade_run_not_started', message: partial });
        if (method === 'installations.get') return { ...inst, version: 2 } as MethodResult<M>;
        throw new Error(`unexpected ${method}`);
      },
      subscribe: () => () => undefined,
    };
    render(<ClientProvider client={client}><UpgradeSection installation={inst} onUpgraded={(r) => upgraded.push(r)} /></ClientProvider>);
    fireEvent.click(screen.getByTestId('upgrade-preview'));
    fireEvent.click(await screen.findByTestId('upgrade-apply'));
    expect((await screen.findByTestId('upgrade-warning')).textContent).toBe(partial);
    expect(screen.queryByTestId('upgrade-apply')).toBeNull();
    expect(screen.queryByTestId('upgrade-plan')).toBeNull();
    expect(screen.queryByTestId('upgrade-error')).toBeNull();
    expect(upgraded.map((r) => r.version)).toEqual([2]);
    expect(calls).toEqual(['installations.upgradePreview', 'installations.upgrade', 'installations.get']);
  });
});
