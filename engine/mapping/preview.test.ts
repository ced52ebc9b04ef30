import { describe, expect, it } from 'vitest';
import { previewMapping, validateMapping } from './preview';

const sample = [
  { tranId: 'PO1', email: 'a@b.test', memo: 'x', item: { items: [{ quantity: '2', rate: 1.5 }, { quantity: 'lots', rate: 2 }] }, links: [{ href: 'h' }] },
  { tranId: 'PO2', email: 'c@d.test', memo: 'y', item: { items: [] } },
];

describe('validateMapping', () => {
  it('lists every problem at once, each naming its rule', () => {
    const res = validateMapping([
      { id: 'a', target: 'ok', source: 'tranId' },
      { id: 'b', target: 'bad[', source: 'x' },
      { id: 'c', target: 'c', source: 'x', transforms: [{ name: 'nope' }] },
      { id: 'd', target: 'd' },
      { target: 'e', source: 'x' },
    ]);
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => [i.ruleId, i.code])).toEqual([
      ['d', 'mapping_invalid_rules'],
      ['#5', 'mapping_invalid_rules'],
      ['b', 'mapping_bad_path'],
      ['c', 'mapping_unknown_transform'],
    ]);
  });

  it('takes a transform chain as typed in a table cell', () => {
    const res = validateMapping([
      { id: 'a', target: 'a', source: 'b', transforms: 'trim | splitName(first)' },
      { id: 'b', target: 'b', source: 'b', transforms: 'trim | date("MM' },
    ]);
    expect(res.rules[0]?.transforms).toEqual([{ name: 'trim', args: [] }, { name: 'splitName', args: ['first'] }]);
    expect(res.issues).toMatchObject([{ ruleId: 'b', code: 'mapping_invalid_rules', field: 'transforms' }]);
  });

  it('accepts a good mapping', () => {
    expect(validateMapping([{ id: 'a', target: 'a', source: 'b' }])).toMatchObject({ ok: true, issues: [] });
    expect(validateMapping('nope').ok).toBe(false);
  });
});

describe('previewMapping', () => {
  it('shows each rule value per sample record, its errors, unmapped targets and unused fields', async () => {
    const res = await previewMapping({
      rules: [
        { id: 'no', target: 'external_order_id', source: 'tranId' },
        { id: 'qty', target: 'lines[*].quantity', source: 'item.items[*].quantity', transforms: [{ name: 'number' }] },
        { id: 'broken', target: 'x', source: 'a..b' },
      ],
      sample,
      targets: [{ path: 'external_order_id', required: true }, { path: 'vendor.email', required: true }, { path: 'note' }],
    });
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => i.ruleId)).toEqual(['broken']);
    const [no, qty, broken] = res.rules;
    expect(no).toMatchObject({ status: 'ok', values: ['PO1', 'PO2'] });
    expect(qty).toMatchObject({ status: 'errors', values: [[2, null], []] });
    expect(qty?.errors[0]).toMatchObject({ recordIndex: 0, target: 'lines[1].quantity', code: 'mapping_not_a_number' });
    expect(broken?.status).toBe('invalid');
    expect(res.unmappedTargets).toEqual([{ path: 'vendor.email', required: true }, { path: 'note', required: false }]);
    expect(res.unusedSources).toEqual(['email', 'memo', 'item.items[*].rate']);
  });

  it('previews a single record and JSONata rules', async () => {
    const res = await previewMapping({ rules: [{ id: 'e', target: 'n', expr: '$count(item.items)' }], sample: sample[0] });
    expect(res.rules[0]?.values).toEqual([2]);
    expect(res.unusedSources).not.toContain('item.items[*].quantity');
  });
});
