import { describe, expect, it } from 'vitest';
import { compileMapping, interpretMapping } from './compiled';
import type { RuleInput } from './rules';
import type { PatchbayError } from '../errors/patchbay-error';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

function map(rules: RuleInput[], record: unknown) {
  const m = compileMapping(rules);
  const r = m.mapRecord(record);
  return { value: json(r.value), errors: r.errors };
}

function refused(rules: RuleInput[]): PatchbayError {
  try {
    compileMapping(rules);
  } catch (e) {
    return e as PatchbayError;
  }
  throw new Error('expected the mapping to be refused');
}

describe('wildcard alignment', () => {
  it('makes one target element per source element, rules sharing a prefix fill the same elements', () => {
    const rules: RuleInput[] = [
      { id: 'sku', target: 'lineItems[*].sku', source: 'item.items[*].item.refName' },
      { id: 'qty', target: 'lineItems[*].quantity', source: 'item.items[*].quantity' },
    ];
    const rec = { item: { items: [{ item: { refName: 'A' }, quantity: 1 }, { item: { refName: 'B' }, quantity: 2 }] } };
    expect(map(rules, rec).value).toEqual({ lineItems: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }] });
  });

  it('aligns nested wildcards level by level', () => {
    const rules: RuleInput[] = [
      { id: 'n', target: 'orders[*].no', source: 'pos[*].tranId' },
      { id: 's', target: 'orders[*].lines[*].sku', source: 'pos[*].lines[*].sku' },
    ];
    const rec = { pos: [{ tranId: 'P1', lines: [{ sku: 'a' }, { sku: 'b' }] }, { tranId: 'P2', lines: [] }, { tranId: 'P3', lines: [{ sku: 'c' }] }] };
    expect(map(rules, rec).value).toEqual({
      orders: [
        { no: 'P1', lines: [{ sku: 'a' }, { sku: 'b' }] },
        { no: 'P2', lines: [] },
        { no: 'P3', lines: [{ sku: 'c' }] },
      ],
    });
  });

  it('sizes a target list by its longest source when sources are uneven', () => {
    const rules: RuleInput[] = [
      { id: 'a', target: 'rows[*].a', source: 'left[*]' },
      { id: 'b', target: 'rows[*].b', source: 'right[*]' },
    ];
    expect(map(rules, { left: [1, 2, 3], right: ['x'] }).value).toEqual({ rows: [{ a: 1, b: 'x' }, { a: 2 }, { a: 3 }] });
  });

  it('gives an empty list for empty, missing or non-list sources', () => {
    const rules: RuleInput[] = [{ id: 'a', target: 'lineItems[*].sku', source: 'item.items[*].sku' }];
    expect(map(rules, { item: { items: [] } }).value).toEqual({ lineItems: [] });
    expect(map(rules, {}).value).toEqual({ lineItems: [] });
    expect(map(rules, { item: { items: 'oops' } }).value).toEqual({ lineItems: [] });
  });

  it('copies a value without [*] into every element another rule creates', () => {
    const rules: RuleInput[] = [
      { id: 'sku', target: 'lines[*].sku', source: 'items[*].sku' },
      { id: 'cur', target: 'lines[*].currency', source: 'currency.refName' },
    ];
    expect(map(rules, { currency: { refName: 'USD' }, items: [{ sku: 'a' }, { sku: 'b' }] }).value).toEqual({
      lines: [{ sku: 'a', currency: 'USD' }, { sku: 'b', currency: 'USD' }],
    });
  });

  it('refuses many-to-one without an aggregate and accepts it with one', () => {
    const e = refused([{ id: 'q', target: 'qty', source: 'items[*].quantity' }]);
    expect(e.code).toBe('mapping_needs_aggregate');
    const rules: RuleInput[] = [
      { id: 'q', target: 'qty', source: 'items[*].quantity', transforms: [{ name: 'sum' }] },
      { id: 'n', target: 'lines', source: 'items[*].sku', transforms: [{ name: 'count' }] },
      { id: 'j', target: 'skus', source: 'items[*].sku', transforms: [{ name: 'upper' }, { name: 'join', args: ['/'] }] },
      { id: 'f', target: 'firstSku', source: 'items[*].sku', transforms: [{ name: 'first' }] },
    ];
    const rec = { items: [{ sku: 'a', quantity: 2 }, { quantity: '3.5' }, { sku: 'c', quantity: 1 }] };
    expect(map(rules, rec).value).toEqual({ qty: 6.5, lines: 2, skus: 'A/C', firstSku: 'a' });
  });

  it('aggregates the inner level of nested wildcards per outer element', () => {
    const rules: RuleInput[] = [{ id: 't', target: 'orders[*].total', source: 'pos[*].lines[*].amount', transforms: [{ name: 'sum' }] }];
    expect(map(rules, { pos: [{ lines: [{ amount: 1 }, { amount: 2 }] }, { lines: [] }] }).value).toEqual({ orders: [{ total: 3 }, { total: 0 }] });
  });

  it('refuses a target [*] that nothing drives, and overlapping targets', () => {
    expect(refused([{ id: 'c', target: 'lines[*].currency', source: 'currency' }]).code).toBe('mapping_wildcard_unaligned');
    const overlap = refused([
      { id: 'a', target: 'a', source: 'x' },
      { id: 'b', target: 'a.b', source: 'y' },
    ]);
    expect(overlap.code).toBe('mapping_target_conflict');
    expect(overlap.message).toContain('"b"');
    expect(refused([{ id: 'a', target: 'a.b', source: 'x' }, { id: 'b', target: 'a', source: 'y' }]).code).toBe('mapping_target_conflict');
    expect(refused([{ id: 'a', target: 'a[*].b', source: 'x[*]' }, { id: 'b', target: 'a.c', source: 'y' }]).code).toBe('mapping_target_conflict');
    expect(refused([{ id: 'a', target: 'v', source: 'x' }, { id: 'b', target: 'v', source: 'y' }]).code).toBe('mapping_target_conflict');
  });

  it('writes fixed positions and leaves gaps null', () => {
    const rules: RuleInput[] = [{ id: 'a', target: 'tags[2]', source: 'x' }, { id: 'b', target: 'tags[0]', constant: 'first' }];
    expect(map(rules, { x: 'third' }).value).toEqual({ tags: ['first', null, 'third'] });
  });

  it('reads quoted keys and fixed indices, and never the prototype', () => {
    const rules: RuleInput[] = [
      { id: 'a', target: 'name', source: '["Full Name"]' },
      { id: 'b', target: 'firstLine', source: 'items[0].sku' },
      { id: 'c', target: 'ctor', source: 'constructor' },
      { id: 'd', target: 'count', source: 'items.length' },
    ];
    const out = map(rules, { 'Full Name': 'Ann Lee', items: [{ sku: 's1' }, { sku: 's2' }] }).value;
    expect(out).toEqual({ name: 'Ann Lee', firstLine: 's1', count: 2 });
  });

  it('maps the same through the interpreter', async () => {
    const rules: RuleInput[] = [
      { id: 'n', target: 'orders[*].no', source: 'pos[*].tranId' },
      { id: 's', target: 'orders[*].lines[*].sku', source: 'pos[*].lines[*].sku', transforms: [{ name: 'number' }] },
    ];
    const rec = { pos: [{ tranId: 'P1', lines: [{ sku: '1' }, { sku: 'x' }] }] };
    const m = compileMapping(rules);
    const a = m.mapRecord(rec);
    const b = await interpretMapping(m.plan, rec);
    expect(json(a)).toEqual(json(b));
    expect(a.errors).toEqual([
      { recordIndex: 0, ruleId: 's', target: 'orders[0].lines[1].sku', code: 'mapping_not_a_number', message: '"x" is not a number' },
    ]);
  });
});

describe('errors', () => {
  it('names the rule and the position of a malformed path', () => {
    const e = refused([{ id: 'r7', target: 'lineItems[*.sku', source: 'x' }]);
    expect(e.code).toBe('mapping_bad_path');
    const issue = (e.details as { issues: { ruleId: string; position: number; field: string }[] }).issues[0];
    expect(issue).toMatchObject({ ruleId: 'r7', field: 'target', position: 9 });
  });

  it('refuses unknown transforms and bad arguments, naming the rule', () => {
    const e = refused([{ id: 'x', target: 'a', source: 'b', transforms: [{ name: 'trim' }, { name: 'explode' }] }]);
    expect(e.code).toBe('mapping_unknown_transform');
    expect(e.message).toContain('"x"');
    expect(refused([{ id: 'y', target: 'a', source: 'b', transforms: [{ name: 'splitName', args: ['second'] }] }]).code).toBe(
      'mapping_bad_transform_args',
    );
  });

  it('lists a run-time conversion error per record and rule, and maps the rest of the record', () => {
    const rules: RuleInput[] = [
      { id: 'q', target: 'qty', source: 'q', transforms: [{ name: 'number' }] },
      { id: 'n', target: 'name', source: 'n' },
    ];
    const m = compileMapping(rules);
    const res = m.mapRecords([{ q: 'abc', n: 'one' }, { q: '2', n: 'two' }]);
    expect(json(res.values)).toEqual([{ qty: null, name: 'one' }, { qty: 2, name: 'two' }]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({ recordIndex: 0, ruleId: 'q', target: 'qty', code: 'mapping_not_a_number' });
  });

  it('refuses a cyclic or 10,000-deep value per record instead of crashing', () => {
    const m = compileMapping([{ id: 'all', target: 'copy', source: 'payload' }, { id: 'id', target: 'id', source: 'id' }]);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = {};
    const deepRoot = deep;
    for (let i = 0; i < 10_000; i++) {
      const next = {};
      deep.d = next;
      deep = next;
    }
    const res = m.mapRecords([{ id: 1, payload: cyclic }, { id: 2, payload: deepRoot }]);
    expect(res.errors.map((e) => e.code)).toEqual(['mapping_value_cyclic', 'mapping_value_too_deep']);
    expect(JSON.parse(JSON.stringify(res.values))).toEqual([{ copy: null, id: 1 }, { copy: null, id: 2 }]);
  });

  it('reports a record that is not an object', () => {
    const m = compileMapping([{ id: 'a', target: 'a', source: 'a' }]);
    const res = m.mapRecords([42, null]);
    expect(res.errors.map((e) => e.code)).toEqual(['mapping_bad_input', 'mapping_bad_input']);
  });
});
