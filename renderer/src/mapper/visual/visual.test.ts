import { describe, expect, it } from 'vitest';
import type { MethodResult } from '../../../../engine/api';
import type { MappingRule } from '../rules';
import { diagnoseRules, prefixesOf } from './diagnose';
import { buildTree, flattenTree, rowIndexOf } from './fieldTree';
import { emptyHistory, record, stepBack, stepForward } from './history';
import { planImport, rowProblems } from './importPreview';
import { dropBranch, dropSource, removeSource } from './ruleEdits';

const paths = ['tranId', 'entity.refName', 'item.items[*].item.refName', 'item.items[*].rate', '["Full Name"]'];

describe('field trees', () => {
  it('folds paths into nodes, [*] staying with its key, and filters by name or label keeping the branch open', () => {
    const root = buildTree(paths.map((p) => ({ path: p, ...(p === 'item.items[*].rate' ? { label: 'Rate' } : {}) })));
    const rows = flattenTree(root, new Set(), '');
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`)).toEqual(['tranId', 'entity', '  refName', 'item', '  items[*]', '    item', '      refName', '    rate', '"Full Name"']);
    expect(rows.find((r) => r.name === 'rate')?.path).toBe('item.items[*].rate');
    const folded = flattenTree(root, new Set(['item']), '');
    expect(folded.map((r) => r.path)).toEqual(['tranId', 'entity', 'entity.refName', 'item', '["Full Name"]']);
    // A folded field's line is drawn to its nearest visible ancestor.
    const index = new Map(folded.map((r, i) => [r.path, i]));
    expect(rowIndexOf(index, 'item.items[*].rate')).toBe(3);
    expect(flattenTree(root, new Set(['item']), 'RATE').map((r) => r.path)).toEqual(['item', 'item.items[*]', 'item.items[*].rate']);
  });
});

describe('drag edits', () => {
  it('a drop makes a rule; a second source makes a concat rule; a deeper list gets an aggregate', () => {
    let r = dropSource([], 'entity.refName', 'buyer');
    expect(r.rules).toHaveLength(1);
    expect(r.rules[0]).toMatchObject({ target: 'buyer', source: 'entity.refName', transforms: [] });
    r = dropSource(r.rules, 'email', 'buyer');
    expect(r.rules[0]).toMatchObject({ sources: ['entity.refName', 'email'], transforms: [{ name: 'concat', args: [' '] }] });
    expect(r.rules[0]).not.toHaveProperty('source');
    expect(removeSource(r.rules, r.ruleId ?? '', 'email')[0]).toMatchObject({ source: 'entity.refName', transforms: [] });
    expect(dropSource([], 'item.items[*].rate', 'total', 'number').rules[0]?.transforms).toEqual([{ name: 'sum', args: [] }]);
    expect(dropSource([], 'item.items[*].item.refName', 'skus').rules[0]?.transforms).toEqual([{ name: 'join', args: [', '] }]);
    expect(dropSource([], 'item.items[*].item.refName', 'lineItems[*].sku').rules[0]?.transforms).toEqual([]);
  });
});

describe('branch drops', () => {
  it('an array dropped on an array maps its fields by name, level by level, leaving mapped targets alone', () => {
    const sources = ['item.items[*].quantity', 'item.items[*].unitCost', 'item.items[*].item.refName', 'tranId'];
    const targets = [{ path: 'lineItems[*].quantity', type: 'number' }, { path: 'lineItems[*].unit_cost' }, { path: 'lineItems[*].sku' }, { path: 'external_order_id' }];
    const existing: MappingRule[] = [{ id: 'q', target: 'lineItems[*].unit_cost', source: 'x' }];
    const r = dropBranch(existing, 'item.items[*]', 'lineItems[*]', sources, targets);
    expect(r.added).toBe(1);
    expect(r.rules.map((x) => `${x.target}←${x.source}`)).toEqual(['lineItems[*].unit_cost←x', 'lineItems[*].quantity←item.items[*].quantity']);
    expect(dropBranch([], 'item.items[*]', 'lineItems[*]', sources, targets).rules.map((x) => x.source)).toEqual(['item.items[*].quantity', 'item.items[*].unitCost']);
    expect(dropBranch([], 'entity', 'lineItems[*]', sources, targets).added).toBe(0);
  });
});

describe('rule problems', () => {
  const rules: MappingRule[] = [
    { id: 'a', target: 'total', source: 'tranId' },
    { id: 'b', target: 'vendor.name', source: 'subsidiary.refname' },
    { id: 'c', target: 'external_order_id', source: 'memo' },
    { id: 'd', target: 'entity', source: 'entity' },
  ];
  const preview = {
    ok: true, issues: [], records: [], unmappedTargets: [], unusedSources: [], warnings: [],
    rules: [
      { id: 'a', target: 'total', status: 'ok', values: ['PO1'], errors: [] },
      { id: 'b', target: 'vendor.name', status: 'ok', values: [null], errors: [] },
      { id: 'c', target: 'external_order_id', status: 'ok', values: [null], errors: [] },
      { id: 'd', target: 'entity', status: 'ok', values: [{ id: '1' }], errors: [] },
    ],
  } as MethodResult<'mapping.preview'>;
  const known = new Set(['tranId', 'memo', 'subsidiary.refName', 'entity.refName']);
  const states = diagnoseRules({
    rules, issues: [], preview, record: 0, known, prefixes: prefixesOf(known),
    targets: new Map([['total', { type: 'number' }], ['external_order_id', { type: 'string', required: true }]]),
  });
  it('names text into a number, a path that matches nothing, and a required target left empty', () => {
    expect(states.get('a')?.problems).toEqual(['Text “PO1” goes into a number field: add the number transform.']);
    expect(states.get('b')?.problems).toEqual(['“subsidiary.refname” matches no field in the samples or the account.']);
    expect(states.get('c')?.problems).toEqual(['Required, but empty on this record.']);
    // A whole object (entity) is a known source: its fields are.
    expect(states.get('d')?.problems).toEqual([]);
  });
});

describe('import preview', () => {
  it('lists what a sheet adds and replaces, and keeps rules the sheet does not mention', () => {
    const current: MappingRule[] = [{ id: '1', target: 'a', source: 'x', transforms: [] }, { id: '2', target: 'b', source: 'y', transforms: [] }, { id: '3', target: 'keep', source: 'k', transforms: [] }];
    const sheet: MappingRule[] = [{ id: '1', target: 'a', source: 'x', transforms: [], note: 'same' }, { id: '2', target: 'b', source: 'z', transforms: [] }, { id: '9', target: 'c', source: 'w', transforms: [] }];
    const plan = planImport(current, sheet);
    expect(plan.added.map((r) => r.target)).toEqual(['c']);
    expect(plan.replaced.map((x) => [x.before.source, x.after.source])).toEqual([['y', 'z']]);
    expect([plan.unchanged, plan.kept]).toEqual([1, 1]);
    expect(plan.result.map((r) => `${r.target}←${r.source}`)).toEqual(['a←x', 'b←z', 'keep←k', 'c←w']);
    expect(rowProblems({ issues: [{ row: 4, message: 'row 4 has no source' }, 'junk'] })).toEqual([{ row: 4, message: 'row 4 has no source' }]);
  });
});

describe('history', () => {
  it('undoes and redoes whole rule lists; a new edit clears redo', () => {
    const v1: MappingRule[] = [];
    const v2: MappingRule[] = [{ id: 'a', target: 't', source: 's' }];
    let h = record(emptyHistory, v1);
    const back = stepBack(h, v2);
    expect(back?.rules).toBe(v1);
    h = back?.state ?? h;
    const fwd = stepForward(h, v1);
    expect(fwd?.rules).toBe(v2);
    expect(record(h, v1).future).toEqual([]);
    expect(stepBack(emptyHistory, v1)).toBeNull();
  });
});
