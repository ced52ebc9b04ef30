// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { WorkflowDoc } from '../../../../engine/api';
import type { Resolutions } from '../../../../engine/model/merge-schema';
// Real merge results from the engine's pure merge, and its resolver to check what Accept means.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { mergeWorkflows, resolveConflicts } from '../../../../engine/model/merge';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { blockOf, orderSyncWorkflow } from '../../../../engine/testing/version-fixtures';
import { ConflictResolver, type RebasePreview } from './ConflictResolver';

afterEach(cleanup);

function withConfig(doc: WorkflowDoc, id: string, patch: Record<string, unknown>): WorkflowDoc {
  return { ...doc, blocks: doc.blocks.map((b) => (b.id === id ? { ...b, config: { ...b.config, ...patch } } : b)) };
}

/** Base v2 and the customer both changed the URL and the limit; base also changed the stop reason. */
function preview(): RebasePreview {
  const ancestor = orderSyncWorkflow();
  const base = withConfig(withConfig(ancestor, 'fetch', { url: 'https://shop.test/v2/orders', query: { limit: 100 } }), 'stop', { reason: 'v2 done' });
  const userVersion = withConfig(ancestor, 'fetch', { url: 'https://acme.test/orders', query: { limit: 10 } });
  return { ...mergeWorkflows({ ancestor, release: base, customer: userVersion }), targetVersionId: 'ver-2', targetVersion: 2 };
}

function conflictNamed(label: string): HTMLElement {
  return screen.getByTestId(`conflict-${label}`);
}

describe('conflict resolution view', () => {
  it('shows each conflict with its three values and accepts only when every one is resolved', () => {
    const p = preview();
    expect(p.conflicts.map((c) => c.label).sort()).toEqual(['blocks[fetch].config.query.limit', 'blocks[fetch].config.url']);
    const onAccept = vi.fn<(r: Resolutions) => void>();
    render(<ConflictResolver preview={p} fromVersion={1} onAccept={onAccept} onCancel={() => undefined} />);

    expect(screen.getByTestId('rebase-summary').textContent).toMatch(/2 conflicts to resolve/);
    const url = conflictNamed('blocks[fetch].config.url');
    // The block and the setting in words, and the values as they are (not a JSON path or quoted JSON).
    expect(within(url).getByTestId('conflict-title').textContent).toMatch(/ › URL$/);
    expect(within(url).getByTestId('conflict-title').textContent).not.toMatch(/blocks|config|\[/);
    expect(within(url).getByTestId('conflict-ancestor').textContent).toBe('https://shop.test/orders');
    expect(within(url).getByTestId('conflict-release').textContent).toBe('https://shop.test/v2/orders');
    expect(within(url).getByTestId('conflict-customer').textContent).toBe('https://acme.test/orders');

    const accept = screen.getByTestId('rebase-accept');
    expect(accept).toHaveProperty('disabled', true);
    fireEvent.click(within(url).getByLabelText(/Keep the customer's version/));
    expect(screen.getByTestId('rebase-unresolved').textContent).toBe('1 conflict left to resolve');

    // Editing: invalid JSON keeps Accept disabled and says why.
    const limit = conflictNamed('blocks[fetch].config.query.limit');
    fireEvent.click(within(limit).getByLabelText(/Edit JSON/));
    const box = within(limit).getByRole('textbox');
    expect((box as HTMLTextAreaElement).value).toBe('10'); // starts from the customer's value
    fireEvent.change(box, { target: { value: '25,' } });
    expect(within(limit).getByRole('alert').textContent).toMatch(/Not valid JSON/);
    expect(accept).toHaveProperty('disabled', true);
    fireEvent.change(box, { target: { value: '25' } });
    expect(accept).toHaveProperty('disabled', false);

    fireEvent.click(accept);
    const resolutions = onAccept.mock.calls[0]?.[0];
    expect(resolutions).toEqual({ [p.conflicts.find((c) => c.label.endsWith('url'))?.id ?? '']: 'customer', [p.conflicts.find((c) => c.label.endsWith('limit'))?.id ?? '']: { value: 25 } });

    // What the engine stores for these choices: the customer's value, the edited value, and the release's clean change.
    const doc = resolveConflicts(p, resolutions ?? {});
    expect(blockOf(doc, 'fetch').config).toMatchObject({ url: 'https://acme.test/orders', query: { limit: 25 } });
    expect(blockOf(doc, 'stop').config.reason).toBe('v2 done');
  });

  it('takes base for all in one click, and cancels without accepting', () => {
    const p = preview();
    const onAccept = vi.fn<(r: Resolutions) => void>();
    const onCancel = vi.fn();
    render(<ConflictResolver preview={p} fromVersion={1} onAccept={onAccept} onCancel={onCancel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Take the new release for all' }));
    fireEvent.click(screen.getByTestId('rebase-accept'));
    expect(Object.values(onAccept.mock.calls[0]?.[0] ?? {})).toEqual(['release', 'release']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
