// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
// The real role table, so the page is tested on the methods the server tells a signed-in browser.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { methodsFor } from '../../../engine/api/contract';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import type { Release } from '../../../engine/api/methods/integrations';
import type { WorkflowSummary } from '../../../engine/api';
import type { Role } from '../../../engine/shared/roles';
import { ClientProvider } from '../client/context';
import { fakeClient } from '../inspector/forms/testing';
import { InstallSection } from '../installations/InstallSection';
import { LifecycleControls } from '../installations/lifecycle/LifecycleControls';
import { ReleasesSection } from '../integrations/ReleasesSection';
import { WorkflowRow } from '../workflows/WorkflowRow';
import { SessionContext } from './context';

// On a server, what a signed-in role may not do is left off the page (the server refuses it
// anyway, with forbidden_for_role); in browser mode, with no sign-in, everything shows.

afterEach(cleanup);

const release: Release = { id: 'r1', integrationId: 'g1', version: 1, notes: '', createdAt: '2026-11-30T10:00:00.000Z', versions: [{ id: 'v1', workflowId: 'w1', name: 'Fetch Historical Orders' }] };
const client = fakeClient({ 'integrations.releases': () => [release] });

function page(role: Role | null, children: ReactNode) {
  const session = role === null ? null : { who: { kind: 'user' as const, name: role, role, methods: methodsFor(role) }, signOut: () => undefined };
  return render(<ClientProvider client={client}><SessionContext.Provider value={session}>{children}</SessionContext.Provider></ClientProvider>);
}

const installed = (lifecycle: InstallationRecord['lifecycle']) => ({ id: 'i1', integrationId: 'g1', customerName: 'Acme', status: 'installed', lifecycle, version: 1, latestVersion: 1 }) as InstallationRecord;
const draft = { id: 'i2', integrationId: 'g1', customerName: 'Acme', status: 'draft', lifecycle: 'configuring', version: null, latestVersion: 1 } as unknown as InstallationRecord;

describe('actions a role may not use', () => {
  it('Activate and Pause: hidden from a viewer, shown to an operator, an admin and in browser mode', () => {
    for (const [role, shown] of [['viewer', false], ['operator', true], ['admin', true], [null, true]] as const) {
      page(role, <><LifecycleControls installation={installed('configuring')} onChanged={() => undefined} /><LifecycleControls installation={installed('active')} onChanged={() => undefined} /></>);
      expect(screen.getAllByTestId('installation-lifecycle')).toHaveLength(2);
      expect([role, screen.queryByTestId('activate') !== null, screen.queryByTestId('pause') !== null]).toEqual([role, shown, shown]);
      cleanup();
    }
  });

  it('Release: only for an admin and in browser mode; the releases stay listed for everyone', () => {
    for (const [role, shown] of [['viewer', false], ['operator', false], ['admin', true], [null, true]] as const) {
      page(role, <ReleasesSection integrationId="g1" releases={[release]} onReleased={() => undefined} />);
      expect(screen.getByTestId('releases-section').textContent).toContain('v1');
      expect([role, screen.queryByTestId('release') !== null, screen.queryByTestId('release-notes') !== null]).toEqual([role, shown, shown]);
      cleanup();
    }
  });

  it('Install: a viewer or operator is told installing needs an admin instead of an Install button', async () => {
    for (const [role, shown] of [['viewer', false], ['operator', false], ['admin', true], [null, true]] as const) {
      page(role, <InstallSection installation={draft} onInstalled={() => undefined} onRefused={() => undefined} />);
      await screen.findByTestId(shown ? 'install' : 'install-not-allowed');
      expect([role, screen.queryByTestId('install') !== null, screen.queryByTestId('install-release') !== null]).toEqual([role, shown, shown]);
      cleanup();
    }
  });

  it('Rename, Duplicate and Delete a workflow: only for an admin and in browser mode; Open stays', () => {
    const wf = { id: 'w1', name: 'Fetch Historical Orders', blockCount: 2, rev: 3, updatedAt: '2026-11-30T10:00:00.000Z' } as unknown as WorkflowSummary;
    const actions = { open: () => undefined, rename: () => Promise.resolve(), duplicate: () => Promise.resolve(), remove: () => Promise.resolve() };
    for (const [role, shown] of [['viewer', false], ['operator', false], ['admin', true], [null, true]] as const) {
      page(role, <table><tbody><WorkflowRow wf={wf} actions={actions} /></tbody></table>);
      expect(screen.getByTestId('workflow-open')).toBeTruthy();
      expect([role, ...['rename', 'duplicate', 'delete'].map((id) => screen.queryByTestId(id) !== null)]).toEqual([role, shown, shown, shown]);
      cleanup();
    }
  });
});
