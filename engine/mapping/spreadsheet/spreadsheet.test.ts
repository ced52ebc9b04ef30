import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PatchbayError } from '../../errors/patchbay-error';
import { compileMapping } from '../compiled';
import { mappingRulesSchema, type RuleInput } from '../rules';
import { exportMapping, importMapping } from './index';
import { parseChain, formatChain } from '../../shared/chain';
import { prng } from '../fixtures/purchase-orders';
import { formatPath, type Segment } from '../../shared/path';

const seedCsv = readFileSync(new URL('../../../resources/samples/seed-mapping.csv', import.meta.url), 'utf8');
const seedOrders = JSON.parse(readFileSync(new URL('../../../resources/samples/seed-purchase-orders.json', import.meta.url), 'utf8')) as unknown[];

async function importError(data: string | Uint8Array, fileName = 'sheet.csv'): Promise<PatchbayError> {
  try {
    await importMapping(data, { fileName });
  } catch (e) {
    return e as PatchbayError;
  }
  throw new Error('expected the import to fail');
}

describe('seed mapping sheet', () => {
  it('imports the DESIGN.md table as is, one rule per target of the name row', async () => {
    const { rules, format } = await importMapping(seedCsv, { fileName: 'seed-mapping.csv' });
    expect(format).toBe('csv');
    expect(rules.map((r) => [r.target, r.source, formatChain(r.transforms)])).toEqual([
      ['external_order_id', 'tranId', ''],
      ['vendor.name', 'subsidiary.refName', ''],
      ['vendor.email', 'email', ''],
      ['lineItems[*].sku', 'item.items[*].item.refName', ''],
      ['lineItems[*].product_name', 'item.items[*].description', ''],
      ['lineItems[*].quantity', 'item.items[*].quantity', ''],
      ['lineItems[*].unit_cost', 'item.items[*].rate', ''],
      ['custom_field_1', 'custbody_assigned_procurement_rep.refName', ''],
      ['custom_field_2', 'custbody_shipping_priority.refName', ''],
      ['first_name', 'entity.refName', 'splitName(first)'],
      ['last_name', 'entity.refName', 'splitName(last)'],
    ]);
    expect(rules[0]?.note).toBe('OrderId (tranId)');
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('maps the sample purchase orders', async () => {
    const { rules } = await importMapping(seedCsv, { fileName: 'seed-mapping.csv' });
    const out = compileMapping(rules).mapRecords(seedOrders);
    expect(out.errors).toEqual([]);
    const first = JSON.parse(JSON.stringify(out.values[0])) as Record<string, unknown>;
    const order = seedOrders[0] as { tranId: string; item: { items: unknown[] } };
    expect(first.external_order_id).toBe(order.tranId);
    expect((first.lineItems as unknown[]).length).toBe(order.item.items.length);
    expect(first).toMatchObject({ first_name: 'Chinedu', last_name: 'Okafor' });
  });

  it('keeps existing rule ids for the same targets', async () => {
    const { rules } = await importMapping(seedCsv, { fileName: 'x.csv', existing: mappingRulesSchema.parse([{ id: 'keep-me', target: 'vendor.email', source: 'x' }]) });
    expect(rules.find((r) => r.target === 'vendor.email')?.id).toBe('keep-me');
  });

  it('gives new rules generated ids, so the same sheet imported into two versions never collides in a rebase', async () => {
    const base = await importMapping(seedCsv, { fileName: 'base.csv' });
    const customer = await importMapping(seedCsv, { fileName: 'customer.csv' });
    const baseIds = base.rules.map((r) => r.id);
    expect(baseIds[0]).toMatch(/^external_order_id_[0-9a-f]{10}$/);
    expect(baseIds.filter((id) => customer.rules.some((r) => r.id === id))).toEqual([]);
    // Re-importing into the same mapping keeps the ids it already has.
    const again = await importMapping(seedCsv, { fileName: 'again.csv', existing: base.rules });
    expect(again.rules.map((r) => r.id)).toEqual(baseIds);
  });
});

const variety: RuleInput[] = [
  { id: 'a', target: 'external_order_id', source: 'tranId', note: 'OrderId, from NetSuite' },
  { id: 'b', target: 'priority', source: 'custbody_shipping_priority.refName', transforms: [{ name: 'lookup', args: [{ High: 'P1', Low: 'P3' }, 'P2', true] }] },
  { id: 'c', target: 'ordered', source: 'tranDate', transforms: [{ name: 'date', args: ['YYYY-MM-DD', 'MM/DD/YYYY'] }], default: 'unknown' },
  { id: 'd', target: 'label', sources: ['tranId', 'entity.refName'], transforms: [{ name: 'template', args: ['{0} for {1}'] }] },
  { id: 'e', target: 'single', sources: ['memo'] },
  { id: 'f', target: 'total', expr: '$sum(item.items.amount)' },
  { id: 'g', target: 'currency', constant: 'USD', transforms: [{ name: 'lower' }] },
  { id: 'h', target: 'count', source: 'item.items[*].quantity', transforms: [{ name: 'number' }, { name: 'sum' }], default: 0 },
  { id: 'i', target: 'flag', source: 'custbody_approved_flag', default: '123' },
  { id: 'j', target: '["Full Name"]', source: '["Last, First"]', default: -1 },
  { id: 'k', target: 'meta', constant: { a: [1, 'two'] } },
  { id: 'l', target: 'neg', source: 'x', transforms: [{ name: 'default', args: ['=cmd|calc'] }] },
];

describe('round trip', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`exports and re-imports the same rules (${format})`, async () => {
      const rules = mappingRulesSchema.parse(variety);
      const bytes = await exportMapping(rules, format);
      const back = await importMapping(bytes, { fileName: `m.${format}` });
      expect(back.format).toBe(format);
      expect(back.rules).toEqual(rules);
    });
  }

  it('guards cells a spreadsheet would run as formulas', async () => {
    const text = new TextDecoder().decode(await exportMapping(mappingRulesSchema.parse(variety), 'csv'));
    expect(text).toContain("'=$sum(item.items.amount)");
    expect(text.split('\n').some((line) => line.split(',').some((cell) => /^"?[=+@]/.test(cell)))).toBe(false);
  });

  it('parses transform chains with JSON and bare-word arguments', () => {
    expect(parseChain('trim | splitName(first)')).toEqual([{ name: 'trim', args: [] }, { name: 'splitName', args: ['first'] }]);
    expect(parseChain('date("MM/DD/YYYY", "YYYY-MM-DD")')).toEqual([{ name: 'date', args: ['MM/DD/YYYY', 'YYYY-MM-DD'] }]);
    expect(parseChain('lookup({"High":"P1","Low":"P3"}, "P2")')).toEqual([{ name: 'lookup', args: [{ High: 'P1', Low: 'P3' }, 'P2'] }]);
    expect(parseChain('split(",", 1) | default(n/a)')).toEqual([{ name: 'split', args: [',', 1] }, { name: 'default', args: ['n/a'] }]);
    expect(() => parseChain('trim | | upper')).toThrow(/empty step/);
    expect(() => parseChain('lookup({"a":1}')).toThrow(/unbalanced|missing/);
  });
});

const AWKWARD = ['x', 'a, b', 'say "hi"', "it's", 'p | q', 'line\nbreak', ' padded ', '=SUM(A1)', "'quoted", '123', 'true', '', '@x', '-1', 'ü ✓'];

function randomRules(rand: () => number, n: number): RuleInput[] {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const key = (): Segment => ({ kind: 'key', key: rand() < 0.3 ? pick(AWKWARD.filter((k) => k !== '')) : pick(['a', 'b', 'tranId', 'items']) });
  type Json = Exclude<RuleInput['default'], undefined>;
  const value = (): Json => pick<Json>([pick(AWKWARD), 0, -2.5, true, null, { k: pick(AWKWARD) }, [1, pick(AWKWARD)]]);
  return Array.from({ length: n }, (_v, i) => {
    const rule: RuleInput = { id: `r${i}-${pick(AWKWARD)}`.trim(), target: formatPath([{ kind: 'key', key: `t${i}` }, key()]) };
    const r = rand();
    if (r < 0.5) rule.source = formatPath([key(), key()]);
    else if (r < 0.7) rule.sources = rand() < 0.5 ? [formatPath([key()])] : [formatPath([key()]), formatPath([key(), key()])];
    else if (r < 0.85) rule.expr = pick(['$sum(items.amount)', 'a & "|" & b', "$string(x) & ','"]);
    else rule.constant = value();
    rule.transforms = rand() < 0.5 ? [] : [pick([{ name: 'default', args: [value()] }, { name: 'lookup', args: [{ [pick(AWKWARD)]: value() }, value(), rand() < 0.5] }, { name: 'trim', args: [] }, { name: 'template', args: ['{0}, {1}'] }])];
    if (rand() < 0.5) rule.default = value();
    if (rand() < 0.5) rule.note = pick(AWKWARD).trim() || 'note';
    return rule;
  });
}

describe('randomized round trip', () => {
  it('CSV and XLSX give back exactly the rules exported, whatever the text in them', async () => {
    const rand = prng(4242);
    for (let m = 0; m < 60; m++) {
      const rules = mappingRulesSchema.parse(randomRules(rand, 1 + Math.floor(rand() * 6)));
      for (const format of m % 20 === 0 ? (['csv', 'xlsx'] as const) : (['csv'] as const)) {
        const back = await importMapping(await exportMapping(rules, format), { fileName: `m.${format}` });
        expect(back.rules, `${format}: ${JSON.stringify(rules)}`).toEqual(rules);
      }
    }
  });
});

describe('loose headers and multi-target rows', () => {
  it('finds target and source columns by loose names', async () => {
    const csv = 'YourApp field,NetSuite (REST path),Transformation,Fallback,Comments\nvendor.email,email,trim | lower,,\n';
    const { rules } = await importMapping(csv, { fileName: 'x.csv' });
    expect(rules[0]).toMatchObject({ target: 'vendor.email', source: 'email', transforms: [{ name: 'trim' }, { name: 'lower' }] });
  });

  it('skips title rows above the header and names rows by their sheet number', async () => {
    const csv = 'Order Sync mapping for Acme,\n,\nYour App,NetSuite\nexternal_order_id,tranId\nbad,a..b\n';
    const e = await importError(csv);
    expect(e.message).toContain('row 5');
  });

  it('spreads a split over several targets, and names a row that cannot be spread', async () => {
    const ok = await importMapping('Target,Source,Transform\n"a, b, c",code,"split(""-"")"\n', { fileName: 'x.csv' });
    expect(ok.rules.map((r) => r.transforms[0]?.args)).toEqual([['-', 0], ['-', 1], ['-', 2]]);
    const three = await importMapping('Target,Source,Transform\n"first, middle, last",name,trim | splitName\n', { fileName: 'x.csv' });
    expect(three.rules.map((r) => r.transforms[1]?.args[0])).toEqual(['first', 'middle', 'last']);
    const e = await importError('Target,Source,Transform\nx,y,\n"a, b",name,trim\n');
    expect(e.code).toBe('mapping_import_row_invalid');
    expect(e.message).toContain('row 3');
  });
});

describe('bad files', () => {
  it('refuses a sheet without a target column', async () => {
    expect((await importError('Foo,Bar\n1,2\n')).code).toBe('mapping_import_no_target_column');
  });

  it('refuses empty files and header-only sheets', async () => {
    expect((await importError('')).code).toBe('mapping_import_empty');
    expect((await importError('\n \n')).code).toBe('mapping_import_empty');
    expect((await importError('Target,Source\n')).code).toBe('mapping_import_empty');
  });

  it('refuses binary garbage named .xlsx', async () => {
    const junk = new Uint8Array(4096).map((_v, i) => (i * 7919) % 251);
    expect((await importError(junk, 'mapping.xlsx')).code).toBe('mapping_import_bad_file');
    const fakeZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(200).fill(9)]);
    expect((await importError(fakeZip, 'mapping.xlsx')).code).toBe('mapping_import_bad_file');
  });

  it('refuses a 10 MB CSV quickly', async () => {
    const row = 'target_field,source.path,trim,,a note\n';
    const big = new TextEncoder().encode('Target,Source,Transform,Default,Note\n' + row.repeat(Math.ceil((10 * 1024 * 1024) / row.length)));
    const e = await importError(big);
    expect(e.code).toBe('mapping_import_too_large');
    expect(e.message).toMatch(/10\.0 MB/);
  });

  it('names the row of a bad path, an unknown transform and a bad chain', async () => {
    const csv = 'Target,Source,Transform\nok,tranId,\nbad[*.x,tranId,\ny,tranId,explode\nz,tranId,"trim | date(""MM"""\n';
    const e = await importError(csv);
    const issues = (e.details as { issues: { row: number; code: string }[] }).issues;
    expect(issues.map((i) => i.row).sort()).toEqual([3, 4, 5]);
    expect(issues.map((i) => i.code).sort()).toEqual(['mapping_bad_path', 'mapping_import_row_invalid', 'mapping_unknown_transform']);
  });

  it('refuses an unsupported spreadsheet format by name', async () => {
    expect((await importError('x', 'old.xls')).code).toBe('mapping_import_unsupported_format');
  });
});
