// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { WorkflowDoc } from '../../../../engine/api';
// The fixtures come from the engine's pure diff, so the list is tested against real diff shapes.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { diffWorkflows } from '../../../../engine/model/diff';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { orderSyncWorkflow } from '../../../../engine/testing/version-fixtures';
import '../../catalog/testing';
import { DiffList } from './DiffList';

afterEach(cleanup);

function customised(): WorkflowDoc {
  const doc = orderSyncWorkflow();
  return {
    ...doc,
    blocks: doc.blocks
      .filter((b) => b.id !== 'stop')
      .map((b) => {
        if (b.id === 'fetch') return { ...b, config: { ...b.config, url: 'https://acme.test/orders' } };
        if (b.id !== 'map') return b;
        const rules = [{ id: 'r1', target: 'externalId', source: 'tranId' }, { id: 'r3', target: 'currency', constant: 'USD' }, { id: 'r9', target: 'custom_field_1', source: 'custbody_rep' }];
        return { ...b, config: { ...b.config, rules } };
      })
      .concat([{ id: 'log', kind: 'log', name: 'Note it', config: { message: 'done' }, position: { x: 600, y: 0 } }]),
    edges: [...doc.edges.filter((e) => e.to !== 'stop'), { id: 'e9', from: 'map', port: 'out', to: 'log' }],
  };
}

describe('diff list', () => {
  it('lists added and removed blocks, settings old → new by label, rules by target, and edges by block names', () => {
    const onSelect = vi.fn();
    render(<DiffList diff={diffWorkflows(orderSyncWorkflow(), customised())} onSelectBlock={onSelect} />);
    expect(screen.getByTestId('diff-summary').textContent).toMatch(/1 block added · 1 block removed · 2 blocks changed/);
    expect(screen.getByTestId('diff-block-removed-stop').textContent).toContain('Stop');
    expect(screen.getByTestId('diff-block-added-log').textContent).toContain('Note it');

    // Blocks by name and settings by label, never by id or JSON path.
    const fetch = screen.getByTestId('diff-block-changed-fetch');
    expect(fetch.textContent).toBe('~Fetch ordersJSON API CallURL "https://shop.test/orders" → "https://acme.test/orders"');
    expect(screen.getByTestId('diff-list').textContent).not.toMatch(/config\.|#fetch|\bfetch\b/);

    const map = screen.getByTestId('diff-block-changed-map');
    expect(within(map).getByTestId('diff-rule-added-r9').textContent).toBe('+ the rule for custom_field_1 added');
    expect(within(map).getByTestId('diff-rule-removed-r2').textContent).toBe('− the rule for memo removed');
    expect(within(map).getByTestId('diff-rule-changed-r1').textContent).toMatch(/the rule for externalId[\s\S]*source "id" → "tranId"/);

    expect(screen.getByTestId('diff-edge-removed-e3').textContent).toBe('− Map order → Stop');
    expect(screen.getByTestId('diff-edge-added-e9').textContent).toBe('+ Map order → Note it');

    fireEvent.click(within(fetch).getByRole('button', { name: 'Fetch orders' }));
    expect(onSelect).toHaveBeenCalledWith('fetch');
  });

  it('says so when nothing differs', () => {
    render(<DiffList diff={diffWorkflows(orderSyncWorkflow(), orderSyncWorkflow())} />);
    expect(screen.getByTestId('diff-identical').textContent).toBe('No differences.');
    expect(screen.queryByTestId('diff-list')).toBeNull();
  });
});
