// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MethodResult } from '../../../../engine/api';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import type { MappingDoc } from '../../../../engine/model/mapping-doc';
// The real rule-by-rule merge, so the view is tested on what the engine would answer.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { diffMappings, mergeMappings } from '../../../../engine/model/mapping-merge';
import { ClientProvider } from '../../client/context';
import { fakeClient } from '../../inspector/forms/testing';
import { MappingsSection } from './MappingsSection';

afterEach(cleanup);

const NAME = 'NetSuite purchase order → Your App order';
const doc = (rules: MappingDoc['rules']): MappingDoc => ({ id: 'm1', name: NAME, notes: '', rules });
const email = (t: string) => ({ id: 'vendor_email', target: 'vendor.email', source: 'email', transforms: [{ name: t, args: [] }] });
const ancestor = doc([{ id: 'external_order_id', target: 'external_order_id', source: 'tranId', transforms: [] }, { ...email('trim'), transforms: [] }]);
const base = doc([...ancestor.rules.slice(0, 1), email('trim'), { id: 'currency_4b1d', target: 'currency', source: 'currency.refName', transforms: [] }]);
const mine = doc([...ancestor.rules.slice(0, 1), email('lower'), { id: 'customer_code_9f2a', target: 'customer_code', constant: 'ACME', transforms: [] }]);

const installation = { id: 'i1', customerName: 'Acme Corp', status: 'installed', releaseId: 'r1' } as InstallationRecord;

function view(): MethodResult<'installationMappings.list'>[number] {
  return {
    mappingId: 'm1', name: NAME, releasedId: 'rm1', version: 1, ruleCount: 2,
    custom: { id: 'c1', rev: 4, ancestorVersion: 1, updatedAt: 'now', ruleCount: 3 },
    updateAvailable: true, diff: diffMappings(ancestor, mine),
    usedBy: [{ workflowId: 'w1', name: 'Fetch Historical Orders' }, { workflowId: 'w2', name: 'Listen for New and Updated Orders' }],
  };
}

describe('installation page: shared mappings', () => {
  it('shows who uses the customer mapping, its diff vs base, and rebases it rule by rule with a conflict decided', async () => {
    const client = fakeClient({
      'installationMappings.list': () => [view()],
      'installationMappings.get': () => ({ id: 'c1', installationId: 'i1', mappingId: 'm1', ancestorId: 'rm1', ancestorVersion: 1, rev: 4, doc: mine, createdAt: 'now', updatedAt: 'now' }),
      'installationMappings.rebasePreview': () => ({ ...mergeMappings({ ancestor, release: base, customer: mine }), targetId: 'rm2', targetVersion: 2, issues: [], regression: null }),
      'installationMappings.rebaseApply': () => ({ id: 'c1', installationId: 'i1', mappingId: 'm1', ancestorId: 'rm2', ancestorVersion: 2, rev: 5, doc: mine, createdAt: 'now', updatedAt: 'now' }),
    });
    render(<ClientProvider client={client}><MappingsSection installation={installation} refresh={0} onChanged={() => undefined} /></ClientProvider>);
    const row = await screen.findByTestId('installation-mapping-m1');
    expect(within(row).getByTestId('mapping-used-by').textContent).toBe('Used by Fetch Historical Orders, Listen for New and Updated Orders');
    expect(within(row).getByTestId('mapping-custom-badge')).toBeTruthy();
    expect(within(row).getByTestId('mapping-rule-count').textContent).toBe('3 rules · 2 changes from base');
    expect(within(row).getByTestId('mapping-update-available')).toBeTruthy();

    fireEvent.click(within(row).getByTestId('mapping-diff'));
    expect(screen.getByTestId('diff-rule-added-customer_code_9f2a')).toBeTruthy();
    expect(screen.getByTestId('diff-rule-changed-vendor_email').textContent).toContain('lower');

    fireEvent.click(within(row).getByTestId('mapping-rebase'));
    const panel = await screen.findByTestId('mapping-rebase-panel');
    expect((await within(panel).findByTestId('rebase-summary')).textContent).toMatch(/1 conflict to resolve/);
    const conflict = within(panel).getByTestId('conflict-rule vendor_email · transforms');
    expect(within(conflict).getByTestId('conflict-release').textContent).toContain('trim');
    expect(within(conflict).getByTestId('conflict-customer').textContent).toContain('lower');
    fireEvent.click(within(conflict).getByLabelText(/Keep the customer's version/));
    fireEvent.click(within(panel).getByTestId('rebase-accept'));
    await screen.findByTestId('mapping-rebase-done');
    expect(client.callsTo('installationMappings.rebaseApply')).toEqual([
      { id: 'c1', targetId: 'rm2', baseRev: 4, resolutions: { '/rules/#vendor_email/transforms': 'customer' } },
    ]);
    await waitFor(() => expect(screen.getByTestId('mapping-rebase-done').textContent).toBe('Mapping rebased onto v2.'));
  });
});
