import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { mappingMethods } from '../../api/methods/mapping';
import { withEngine } from '../../testing/temp-engine';

// Each method, called over the contract, returns exactly its result schema.

const samples = new URL('../../../resources/samples/', import.meta.url);
const csv = readFileSync(new URL('seed-mapping.csv', samples));
const sample = JSON.parse(readFileSync(new URL('seed-purchase-orders.json', samples), 'utf8')) as unknown;
const targets = JSON.parse(readFileSync(new URL('seed-targets.json', samples), 'utf8')) as { path: string; label?: string; required?: boolean }[];

type M = typeof mappingMethods;
// zod's parse on an indexed schema widens to the union of all methods; the casts narrow it back.
const result = <K extends keyof M>(name: K, value: unknown): z.output<M[K]['result']> => mappingMethods[name].result.parse(value) as z.output<M[K]['result']>;

describe('mapping methods', () => {
  it('import → validate → preview → export → suggest, each matching its schema', () => withEngine(async (engine) => {
    const imported = result('mapping.import', await engine.call('mapping.import', { fileName: 'seed.csv', content: csv.toString('base64') }));
    expect(imported.rules).toHaveLength(11);
    expect(result('mapping.validate', await engine.call('mapping.validate', { rules: imported.rules }))).toEqual({ ok: true, issues: [] });

    const preview = result('mapping.preview', await engine.call('mapping.preview', { rules: imported.rules, sample, targets }));
    expect(preview.ok).toBe(true);
    // Imported rule ids are generated from the target (never a constant).
    expect(preview.rules.find((r) => r.target === 'first_name')?.values).toEqual(['Chinedu', 'Robert', 'Cher', 'Anna', 'John']);
    expect(preview.unmappedTargets).toEqual([]);

    const exported = result('mapping.export', await engine.call('mapping.export', { rules: imported.rules, format: 'xlsx', name: 'Order Sync / Acme' }));
    expect(exported.fileName).toBe('Order Sync _ Acme.xlsx');
    const again = await engine.call('mapping.import', { fileName: exported.fileName, content: exported.content });
    expect(again.rules).toEqual(imported.rules);

    const suggested = result('mapping.suggest', await engine.call('mapping.suggest', { sample, targets, rules: imported.rules.slice(0, 3) }));
    expect(suggested.suggestions.map((s) => s.target)).toEqual(imported.rules.slice(3).map((r) => r.target));
    expect(result('mapping.transforms', await engine.call('mapping.transforms', {})).map((t) => t.name)).toContain('splitName');
  }));

  it('previews with problems listed and the good rules still shown', () => withEngine(async (engine) => {
    const preview = result(
      'mapping.preview',
      await engine.call('mapping.preview', { rules: [{ id: 'a', target: 'x', source: 'tranId' }, { id: 'b', target: 'x.y', source: 'email' }, { id: 'c', target: 'n', source: 'tranId', transforms: 'number' }], sample }),
    );
    expect(preview.issues.map((i) => [i.ruleId, i.code])).toEqual([['b', 'mapping_target_conflict']]);
    expect(preview.rules.map((r) => r.status)).toEqual(['ok', 'invalid', 'errors']);
    expect(preview.rules[2]?.errors[0]).toMatchObject({ code: 'mapping_not_a_number', ruleId: 'c' });
  }));
});
