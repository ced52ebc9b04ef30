// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MethodArgs, MethodResult } from '../../../engine/api';
import { configOf, fakeClient, renderBlockForm } from '../inspector/forms/testing';

afterEach(cleanup);

type Rule = { id: string; target: string; source?: string };

/** A tiny stand-in for the engine's preview: each rule reads its source field; `total` fails on strings. */
function preview(args: MethodArgs<'mapping.preview'>): MethodResult<'mapping.preview'> {
  const rules = args.rules as Rule[];
  const records = (Array.isArray(args.sample) ? args.sample : [args.sample]) as Record<string, unknown>[];
  const ruleViews = rules.map((r) => {
    const values = records.map((rec) => (r.source ? rec[r.source] : null));
    const errors = r.target === 'total'
      ? values.flatMap((v, i) => (typeof v === 'string' ? [{ recordIndex: i, ruleId: r.id, target: r.target, code: 'mapping_not_a_number', message: `"${v}" is not a number` }] : []))
      : [];
    return { id: r.id, target: r.target, status: errors.length > 0 ? ('errors' as const) : ('ok' as const), values, errors };
  });
  return {
    ok: true, issues: [], rules: ruleViews, unmappedTargets: [], unusedSources: [], warnings: [],
    records: records.map((_rec, i) => ({ output: Object.fromEntries(ruleViews.map((v) => [v.target, v.values[i]])), errors: ruleViews.flatMap((v) => v.errors.filter((e) => e.recordIndex === i)) })),
  };
}

function client() {
  return fakeClient({
    'mapping.transforms': () => [
      { name: 'trim', kind: 'text', signature: 'trim', summary: 'removes spaces', output: 'string' },
      { name: 'splitName', kind: 'text', signature: 'splitName(first|middle|last)', summary: 'one part of a full name', output: 'string' },
    ],
    'mapping.validate': (a) => ({
      ok: true,
      issues: (a.rules as Rule[]).filter((r) => r.source?.endsWith('[')).map((r) => ({ code: 'mapping_bad_path', ruleId: r.id, message: `rule "${r.id}": source "${r.source}" is not a path` })),
    }),
    'mapping.preview': preview,
    'mapping.import': (a) => ({
      format: 'csv',
      rules: [
        { id: 'external_order_id', target: 'external_order_id', source: 'tranId', transforms: [] },
        { id: 'first_name', target: 'first_name', source: 'entity.refName', transforms: [{ name: 'splitName', args: ['first'] }], note: `from ${a.fileName}` },
      ],
    }),
  });
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('Map Fields mapping table', () => {
  it('edits rules in the table; a half-typed transform chain is not written', async () => {
    const { store, blockId } = renderBlockForm('map_fields', client());
    fireEvent.change(screen.getByTestId('field-input'), { target: { value: '{{ steps.fetch.output.orders }}' } });
    fireEvent.click(screen.getByTestId('open-mapping'));
    fireEvent.click(screen.getByTestId('view-table'));
    const dialog = screen.getByTestId('mapping-editor');
    fireEvent.click(within(dialog).getByTestId('add-rule'));
    fireEvent.change(input('Target 1'), { target: { value: 'external_order_id' } });
    fireEvent.change(input('Source 1'), { target: { value: 'tranId' } });
    fireEvent.change(input('Transforms 1'), { target: { value: 'trim | ' } });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/empty/);
    // "+ Add rule" generates the id: never a constant, so base and customer rules cannot collide.
    const first = (configOf(store, blockId)?.rules as Rule[])[0]?.id as string;
    expect(first).toMatch(/^rule_[0-9a-f]{10}$/);
    expect(configOf(store, blockId)?.rules).toEqual([{ id: first, target: 'external_order_id', source: 'tranId', transforms: [] }]);
    // The picker appends a step, filling the first choice of a fixed set.
    fireEvent.change(input('Transforms 1'), { target: { value: 'trim' } });
    await screen.findByRole('option', { name: /splitName/ });
    fireEvent.change(screen.getByLabelText('Add transform to rule 1'), { target: { value: 'splitName' } });
    expect(input('Transforms 1').value).toBe('trim | splitName(first)');
    expect(configOf(store, blockId)).toMatchObject({
      input: '{{ steps.fetch.output.orders }}',
      rules: [{ id: first, target: 'external_order_id', source: 'tranId', transforms: [{ name: 'trim', args: [] }, { name: 'splitName', args: ['first'] }] }],
    });

    // A second rule as a constant, then moved above the first and removed again.
    fireEvent.click(within(dialog).getByTestId('add-rule'));
    fireEvent.change(input('Target 2'), { target: { value: 'currency' } });
    fireEvent.change(input('Source kind 2'), { target: { value: 'constant' } });
    fireEvent.change(input('Source 2'), { target: { value: 'USD' } });
    fireEvent.change(input('Default 2'), { target: { value: '0' } });
    fireEvent.click(screen.getByLabelText('Move rule 2 up'));
    const rules = configOf(store, blockId)?.rules as Rule[];
    expect(rules.map((r) => r.target)).toEqual(['currency', 'external_order_id']);
    expect(rules[0]).toEqual({ id: expect.stringMatching(/^rule_[0-9a-f]{10}$/), target: 'currency', constant: 'USD', transforms: [], default: 0 });
    expect(rules[0]?.id).not.toBe(first);
    fireEvent.click(screen.getByLabelText('Remove rule 1'));
    expect((configOf(store, blockId)?.rules as Rule[]).map((r) => r.id)).toEqual([first]);

    // A bad path is reported next to its row by validation.
    fireEvent.change(input('Source 1'), { target: { value: 'item[' } });
    expect((await screen.findByTestId(`rule-errors-${first}`)).textContent).toMatch(/is not a path/);
  });

  it('previews a pasted sample: each row shows its value and its errors, per record', async () => {
    const { store, blockId } = renderBlockForm('map_fields', client());
    fireEvent.click(screen.getByTestId('open-mapping'));
    fireEvent.click(screen.getByTestId('view-table'));
    const dialog = screen.getByTestId('mapping-editor');
    fireEvent.click(within(dialog).getByTestId('add-rule'));
    fireEvent.change(input('Target 1'), { target: { value: 'external_order_id' } });
    fireEvent.change(input('Source 1'), { target: { value: 'tranId' } });
    fireEvent.click(within(dialog).getByTestId('add-rule'));
    fireEvent.change(input('Target 2'), { target: { value: 'total' } });
    fireEvent.change(input('Source 2'), { target: { value: 'amount' } });
    const [a, b] = (configOf(store, blockId)?.rules as Rule[]).map((r) => r.id);
    expect(a).not.toBe(b);

    fireEvent.change(screen.getByTestId('mapping-sample'), { target: { value: '[{"tranId":"PO1","amount":12.5},{"tranId":"PO2","amount":"n/a"}]' } });
    await waitFor(() => expect(screen.getByTestId(`rule-value-${a}`).textContent).toBe('"PO1"'));
    expect(screen.getByTestId(`rule-value-${b}`).textContent).toBe('12.5');
    expect(screen.getByTestId(`rule-errors-${b}`).textContent).toMatch(/Fails on 1 other sample record/);
    expect(screen.getByTestId('mapped-output').textContent).toContain('PO1');

    fireEvent.click(screen.getByLabelText('Next record'));
    expect(screen.getByTestId('record-index').textContent).toBe('Record 2 of 2');
    expect(screen.getByTestId(`rule-value-${a}`).textContent).toBe('"PO2"');
    expect(screen.getByTestId(`rule-errors-${b}`).textContent).toContain('"n/a" is not a number');
  });

  it('imports a mapping sheet as base64 and keeps existing rule ids', async () => {
    const c = client();
    const { store, blockId } = renderBlockForm('map_fields', c);
    fireEvent.click(screen.getByTestId('open-mapping'));
    fireEvent.click(screen.getByTestId('view-table'));
    const csv = 'Your App,NetSuite\nexternal_order_id,tranId\n';
    fireEvent.change(screen.getByTestId('mapping-import-file'), { target: { files: [new File([csv], 'seed-mapping.csv', { type: 'text/csv' })] } });
    // Nothing changes before the preview is applied.
    expect((await screen.findByTestId('import-summary')).textContent).toContain('Adds 2, replaces 0');
    expect(configOf(store, blockId)?.rules ?? []).toEqual([]);
    fireEvent.click(screen.getByTestId('import-apply'));
    const [args] = c.callsTo('mapping.import') as { fileName: string; content: string }[];
    expect(args?.fileName).toBe('seed-mapping.csv');
    expect(atob(args?.content ?? '')).toBe(csv);
    expect((configOf(store, blockId)?.rules as Rule[]).map((r) => r.target)).toEqual(['external_order_id', 'first_name']);
    expect(input('Transforms 2').value).toBe('splitName(first)');
    // The inspector lists the rules once the table closes.
    fireEvent.click(screen.getByTestId('mapping-close'));
    expect(screen.getByTestId('mapping-summary').textContent).toContain('first_name←entity.refName | splitName(first)');
  });
});
