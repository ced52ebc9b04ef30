import { describe, expect, it } from 'vitest';
import { collectReferences, parseReference, ReferenceSyntaxError, resolveTemplates } from './references';

const scope = {
  trigger: { input: { id: 7, name: 'Ada' } },
  steps: { fetch: { output: { items: [{ sku: 'A-1' }, { sku: 'B-2' }], 'Full Name': 'Ada Lovelace' } } },
  vars: { count: 3 },
  state: { since: '2026-01-01' },
  item: { sku: 'X' },
  index: 1,
  installation: null,
  run: { id: 'r1', mode: 'live' },
};

describe('references', () => {
  it('parses dot keys, indexes and quoted keys', () => {
    expect(parseReference('steps.fetch.output.items[1].sku').path).toEqual(['fetch', 'output', 'items', 1, 'sku']);
    expect(parseReference('steps.fetch.output["Full Name"]').path).toEqual(['fetch', 'output', 'Full Name']);
  });

  it('refuses unknown roots and bad syntax with the position', () => {
    expect(() => parseReference('step.fetch')).toThrow(/unknown reference root "step"/);
    expect(() => parseReference('steps.fetch..x')).toThrow(ReferenceSyntaxError);
    expect(() => parseReference('steps[abc]')).toThrow(/position 5/);
  });

  it('keeps the type of a lone reference and interpolates mixed text', () => {
    expect(resolveTemplates('{{ steps.fetch.output.items }}', scope)).toEqual([{ sku: 'A-1' }, { sku: 'B-2' }]);
    expect(resolveTemplates('{{vars.count}}', scope)).toBe(3);
    expect(resolveTemplates('Order {{ trigger.input.id }} for {{ trigger.input.name }}', scope)).toBe('Order 7 for Ada');
    expect(resolveTemplates({ a: ['{{ item.sku }}', 'n={{ index }}'] }, scope)).toEqual({ a: ['X', 'n=1'] });
  });

  it('resolves a missing path to undefined (empty text when interpolated)', () => {
    expect(resolveTemplates('{{ steps.fetch.output.nope.deeper }}', scope)).toBeUndefined();
    expect(resolveTemplates('x{{ steps.nope.output }}y', scope)).toBe('xy');
  });

  it('never reaches prototypes', () => {
    expect(resolveTemplates('{{ trigger.constructor }}', scope)).toBeUndefined();
    expect(resolveTemplates('{{ trigger.__proto__ }}', scope)).toBeUndefined();
    expect(resolveTemplates('{{ steps.fetch.output.items.length }}', scope)).toBe(2);
  });

  it('collects references nested in config objects', () => {
    expect(collectReferences({ url: 'http://x/{{ trigger.input.id }}', body: { n: '{{ vars.count }}' } }).map((r) => r.source)).toEqual(['trigger.input.id', 'vars.count']);
  });
});
