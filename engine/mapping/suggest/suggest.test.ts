import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMapping } from '../spreadsheet';
import type { TargetField } from '../preview';
import { suggestMappings } from './index';
import { describeName, words } from './names';
import { shapeOf } from './shape';
import { parsePath } from '../../shared/path';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const sample = JSON.parse(read('../../../resources/samples/seed-purchase-orders.json')) as unknown[];
const targets = JSON.parse(read('../../../resources/samples/seed-targets.json')) as TargetField[];

describe('suggestions on the seed example', () => {
  it('ranks the seed source first for every seed target', async () => {
    const { rules } = await importMapping(read('../../../resources/samples/seed-mapping.csv'), { fileName: 'seed.csv' });
    const expected = new Map(rules.map((r) => [r.target, r.source]));
    const suggestions = suggestMappings({ sample, targets });
    expect(suggestions.map((s) => s.target)).toEqual(targets.map((t) => t.path));
    for (const s of suggestions) {
      expect(s.candidates[0]?.source, `${s.target}: ${JSON.stringify(s.candidates.slice(0, 3))}`).toBe(expected.get(s.target));
      expect(s.candidates[0]?.reason).not.toBe('');
      const scores = s.candidates.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('without labels, matches custom_field_N to the N-th custom field of the record', () => {
    const bare = targets.filter((t) => t.path.startsWith('custom_field')).map((t) => ({ path: t.path }));
    const [one, two] = suggestMappings({ sample, targets: bare });
    expect(one?.candidates[0]?.source).toBe('custbody_assigned_procurement_rep.refName');
    expect(one?.candidates[0]?.reason).toContain('custom field #1');
    expect(two?.candidates[0]?.source).toBe('custbody_shipping_priority.refName');
  });

  it('skips targets the rules already map and uses labels from the account metadata', () => {
    const out = suggestMappings({
      sample: [{ custbody7: 'Ground', tranId: 'PO1' }],
      targets: ['external_order_id', 'shipping_method'],
      rules: [{ id: 'a', target: 'external_order_id', source: 'tranId', transforms: [] }],
      sourceFields: [{ path: 'custbody7', label: 'Shipping Method' }],
    });
    expect(out.map((s) => s.target)).toEqual(['shipping_method']);
    expect(out[0]?.candidates[0]).toMatchObject({ source: 'custbody7', examples: ['Ground'] });
  });

  it('prefers a source at the same list level, and says when one needs an aggregate', () => {
    const out = suggestMappings({ sample: [{ item: { items: [{ quantity: 1 }] }, quantity: 3 }], targets: ['lines[*].qty', 'qty'] });
    expect(out[0]?.candidates[0]?.source).toBe('item.items[*].quantity');
    expect(out[1]?.candidates[0]?.source).toBe('quantity');
    expect(out[1]?.candidates.find((c) => c.source === 'item.items[*].quantity')?.reason).toContain('needs join, sum, count or first');
  });

  it('is safe on cyclic and 10,000-deep samples', () => {
    const cyclic: Record<string, unknown> = { email: 'a@b.test' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = {};
    const root = { email: 'x@y.test', deep };
    for (let i = 0; i < 10_000; i++) deep = (deep.d = {}) as Record<string, unknown>;
    const out = suggestMappings({ sample: [cyclic, root], targets: ['email'] });
    expect(out[0]?.candidates[0]?.source).toBe('email');
  });
});

describe('names and shapes', () => {
  it('splits camelCase, snake_case and NetSuite custom prefixes', () => {
    expect(words('custbody_ShippingPriority2')).toEqual(['custbody', 'shipping', 'priority', '2']);
    const n = describeName(parsePath('custbody_assigned_procurement_rep.refName'));
    expect(n).toMatchObject({ custom: true, facet: 'name', tokens: ['assigned', 'procurement', 'rep'] });
    expect(describeName(parsePath('lineItems[*].unit_cost')).concept).toBe('unit_price');
    expect(describeName(parsePath('item.items[*].rate')).concept).toBe('unit_price');
    expect(describeName(parsePath('qty')).tokens).toEqual(['quantity']);
  });

  it('tells people, companies, codes and emails apart', () => {
    expect(shapeOf('Anna van der Berg')).toBe('person');
    expect(shapeOf('Okafor, Chinedu')).toBe('person');
    expect(shapeOf('Pending Receipt')).not.toBe('person');
    expect(shapeOf('Acme Supply Inc.')).toBe('company');
    expect(shapeOf('WIDGET-RED')).toBe('code');
    expect(shapeOf('ap@acme.test')).toBe('email');
    expect(shapeOf('2025-03-04')).toBe('date');
    expect(shapeOf('77')).toBe('id');
    expect(shapeOf('Red widget')).toBe('text');
  });
});
