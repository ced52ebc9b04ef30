import { describe, expect, it } from 'vitest';
import { formatChain, parseChain } from '../../../engine/shared/chain';
import { parsePath } from '../../../engine/shared/path';
import { newRuleId, readRules, setSource, toRuleInputs } from './rules';
import { parseSample, parseTargets, samplePaths } from './sample';

describe('mapping table helpers', () => {
  it('reads a typed transform chain and writes it back the same way', () => {
    const text = 'trim | date("MM/DD/YYYY", "YYYY-MM-DD") | lookup({"High": "P1"}, P3) | splitName(first)';
    const steps = parseChain(text);
    expect(steps[1]).toEqual({ name: 'date', args: ['MM/DD/YYYY', 'YYYY-MM-DD'] });
    expect(steps[2]).toEqual({ name: 'lookup', args: [{ High: 'P1' }, 'P3'] });
    expect(parseChain(formatChain(steps))).toEqual(steps);
    expect(() => parseChain('trim | | upper')).toThrow(/empty/);
    expect(() => parseChain('split(",")x')).toThrow(/missing "\)"/);
  });

  it('switches a rule between field, fields, expression and constant, keeping one of them', () => {
    const [rule] = readRules([{ id: 'r', target: 'name', source: 'first', transforms: 'trim' }]);
    if (!rule) throw new Error('no rule');
    const many = setSource(rule, 'sources', 'first, last');
    expect(many).toEqual({ id: 'r', target: 'name', sources: ['first', 'last'], transforms: 'trim' });
    expect(toRuleInputs([setSource(many, 'constant', '42')])).toEqual([{ id: 'r', target: 'name', constant: 42, transforms: 'trim' }]);
    expect(toRuleInputs([setSource(many, 'expr', '$uppercase(first)')])[0]).not.toHaveProperty('sources');
  });

  it('lists sample paths in mapping syntax and reads target lists', () => {
    expect(samplePaths({ tranId: 'PO1', links: [{ href: 'x' }], entity: { refName: 'A' }, item: { items: [{ rate: 1 }, { rate: 2, 'Full Name': 'x' }] } })).toEqual([
      'tranId', 'entity.refName', 'item.items[*].rate', 'item.items[*]["Full Name"]',
    ]);
    // Every offered path is one the engine parses, including keys it cannot write bare.
    const odd = samplePaths({ $id: 1, 'a.b': 2, 'x-y': { z: 3 } });
    expect(odd).toEqual(['["$id"]', '["a.b"]', 'x-y.z']);
    for (const p of odd) expect(() => parsePath(p)).not.toThrow();
    expect(parseTargets('external_order_id*\nvendor.name: Vendor\n\n')).toEqual([{ path: 'external_order_id', required: true }, { path: 'vendor.name', label: 'Vendor' }]);
    expect(parseTargets('[{"path":"a","required":true,"type":"number"},"b"]')).toEqual([{ path: 'a', required: true, type: 'number' }, { path: 'b' }]);
  });

  it('gives new rules generated ids from the target, never the same twice', () => {
    const shape = /^vendor_email_[0-9a-f]{10}$/;
    const ids = Array.from({ length: 50 }, () => newRuleId('vendor.email', []));
    for (const id of ids) expect(id).toMatch(shape);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newRuleId('', [])).toMatch(/^rule_[0-9a-f]{10}$/);
  });

  it('says why a pasted sample cannot be used: not JSON, or nested deeper than the engine takes', () => {
    expect(parseSample('[{"tranId": "PO1"}, {"tranId": "PO2"}]')).toMatchObject({ ok: true, count: 2 });
    expect(parseSample('{"tranId": ')).toMatchObject({ ok: false, error: expect.stringMatching(/^The sample is not valid JSON/) });
    const deep = parseSample(`[{"lines": ${'['.repeat(3000)}${']'.repeat(3000)}}]`);
    expect(deep).toMatchObject({ ok: false, error: expect.stringMatching(/^The sample is nested more than 256 levels deep/) });
  });
});
