import { describe, expect, it } from 'vitest';
import { describeChange, diffOutputs } from './output-diff';

describe('diffOutputs', () => {
  it('names each changed leaf by its path, keeping types apart (12.5 is not "12.50")', () => {
    const before = { records: [{ lineItems: [{ sku: 'A', unit_cost: 12.5 }], custom_field_2: 'Overnight', ['Full Name']: 'Ada' }] };
    const after = { records: [{ lineItems: [{ sku: 'A', unit_cost: '12.50' }], custom_field_2: null, ['Full Name']: 'Ada', extra: 1 }] };
    expect(diffOutputs(before, after).map(describeChange)).toEqual([
      'records[0].lineItems[0].unit_cost: 12.5 → "12.50"',
      'records[0].custom_field_2: "Overnight" → null',
      'records[0].extra: (none) → 1',
    ]);
  });

  it('reports removed elements and keys with quoted names, and nothing for equal values', () => {
    expect(diffOutputs({ a: [1, 2], 'b c': { d: true } }, { a: [1] }).map(describeChange)).toEqual(['a[1]: 2 → (none)', '["b c"]: {"d":true} → (none)']);
    expect(diffOutputs({ x: [{ y: 1 }] }, { x: [{ y: 1 }] })).toEqual([]);
    expect(diffOutputs({ x: [1] }, { x: { 0: 1 } })).toHaveLength(1);
  });
});
