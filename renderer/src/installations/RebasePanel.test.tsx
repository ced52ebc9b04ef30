// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { UserVersion } from '../../../engine/api/methods/installations';
import type { WorkflowDoc } from '../../../engine/model/workflow';
// The real three-way merge, so the panel is tested on what the engine would answer.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { mergeWorkflows } from '../../../engine/model/merge';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { blockOf, orderSyncWorkflow } from '../../../engine/testing/version-fixtures';
import { ClientProvider } from '../client/context';
import { fakeClient } from '../inspector/forms/testing';
import { RebasePanel } from './RebasePanel';

afterEach(cleanup);

function withUrl(doc: WorkflowDoc, url: string): WorkflowDoc {
  const copy = structuredClone(doc);
  blockOf(copy, 'fetch').config.url = url;
  return copy;
}

describe('rebasing a user-specific version', () => {
  it('names the blocks a merged workflow would need attention on, and applies the decided conflict', async () => {
    const ancestor = orderSyncWorkflow();
    const customer = withUrl(ancestor, 'https://acme.test/orders');
    const merge = mergeWorkflows({ ancestor, release: withUrl(ancestor, 'https://shop.test/v2/orders'), customer });
    const rebased = { id: 'uv1', installationId: 'i1', workflowId: 'w1', ancestorVersionId: 'v2', ancestorVersion: 2, rev: 4, doc: customer } as UserVersion;
    const client = fakeClient({
      'userVersions.rebasePreview': () => ({
        ...merge, targetVersionId: 'v2', targetVersion: 2, regression: null,
        issues: [{ severity: 'error', blockId: 'fetch', code: 'invalid_config', message: 'URL must be an absolute http(s) URL' }],
      }),
      'userVersions.rebaseApply': () => rebased,
    });
    const onDone = vi.fn();
    render(<ClientProvider client={client}><RebasePanel userVersionId="uv1" userVersionRev={3} ancestorVersion={1} onDone={onDone} /></ClientProvider>);

    const issues = await screen.findByTestId('rebase-issues');
    expect(issues.textContent).toContain('After this rebase the workflow would need attention before it runs:');
    expect(within(issues).getByText('Fetch orders:')).toBeTruthy();

    const panel = screen.getByTestId('rebase-panel');
    fireEvent.click(within(panel).getByLabelText(/Take the new release/));
    fireEvent.click(within(panel).getByTestId('rebase-accept'));
    expect((await screen.findByTestId('rebase-done')).textContent).toBe('Rebased onto v2.');
    expect(client.callsTo('userVersions.rebaseApply')).toEqual([{ id: 'uv1', targetVersionId: 'v2', baseRev: 3, resolutions: { '/blocks/#fetch/config/url': 'release' } }]);
    expect(onDone).toHaveBeenCalledWith(rebased);
  });

  it('says which block came back with nothing leading to it, so nobody activates past it unawares', async () => {
    const ancestor = orderSyncWorkflow();
    const customer = withUrl(ancestor, 'https://acme.test/orders');
    const merge = mergeWorkflows({ ancestor, release: withUrl(ancestor, 'https://shop.test/v2/orders'), customer });
    const rebased: UserVersion & { unconnected: string[] } = {
      id: 'uv1', installationId: 'i1', workflowId: 'w1', ancestorVersionId: 'v2', ancestorVersion: 2, rev: 4, doc: customer,
      createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', unconnected: ['Wait for the mapping'],
    };
    const client = fakeClient({
      'userVersions.rebasePreview': () => ({ ...merge, targetVersionId: 'v2', targetVersion: 2, regression: null, issues: [] }),
      'userVersions.rebaseApply': () => rebased,
    });
    render(<ClientProvider client={client}><RebasePanel userVersionId="uv1" userVersionRev={3} ancestorVersion={1} onDone={vi.fn()} /></ClientProvider>);
    const panel = await screen.findByTestId('rebase-panel');
    fireEvent.click(within(panel).getByLabelText(/Take the new release/));
    fireEvent.click(within(panel).getByTestId('rebase-accept'));
    expect((await screen.findByTestId('rebase-done')).textContent).toBe(
      'Rebased onto v2. "Wait for the mapping" is back from v2 with nothing leading to it, so it never runs: connect it in the customer\'s version, or delete it, before activating.',
    );
  });
});
