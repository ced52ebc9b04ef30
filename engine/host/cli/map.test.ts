import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from './command';
import { mapCommand } from './map';
import { mappingCommand } from './mapping';

const samples = resolve(import.meta.dirname, '../../../resources/samples');
const dir = mkdtempSync(join(tmpdir(), 'patchbay-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(command: CliCommand, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env: {} };
  let code: number;
  try {
    code = await command.run(argv, io);
  } catch (e) {
    // What main() does with a thrown error: JSON on stderr, exit 1.
    const err = e as { code?: string; message: string; details?: unknown };
    stderr += JSON.stringify({ code: err.code ?? 'internal', message: err.message, details: err.details });
    code = 1;
  }
  return { code, stdout, stderr };
}

const write = (name: string, value: unknown): string => {
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  return name;
};

describe('patchbay map', () => {
  const seed = join(samples, 'seed-mapping.csv');
  const orders = JSON.parse(readFileSync(join(samples, 'seed-purchase-orders.json'), 'utf8')) as Record<string, unknown>[];

  it('maps the sample orders with the seed sheet and prints JSON', async () => {
    const r = await cli(mapCommand, ['--mapping', seed, '--input', join(samples, 'seed-purchase-orders.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { external_order_id: string }[];
    expect(out.map((o) => o.external_order_id)).toEqual(orders.map((o) => o.tranId));
  });

  it('lists errors on stderr, leaves failed records out and exits 1', async () => {
    const rules = write('rules.json', { rules: [{ id: 'q', target: 'qty', source: 'q', transforms: [{ name: 'number' }] }] });
    const input = write('in.json', [{ q: '1' }, { q: 'abc' }, { q: 3 }]);
    const r = await cli(mapCommand, ['--mapping', rules, '--input', input]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([{ qty: 1 }, { qty: 3 }]);
    const err = JSON.parse(r.stderr) as { code: string; details: { errors: { recordIndex: number }[] } };
    expect(err.code).toBe('mapping_record_failed');
    expect(err.details.errors[0]?.recordIndex).toBe(1);
    const lenient = await cli(mapCommand, ['--mapping', rules, '--input', input, '--on-error', 'null_field', '--output', 'out.json']);
    expect(lenient.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toEqual([{ qty: 1 }, { qty: null }, { qty: 3 }]);
  });

  it('maps a single record whose copied value is too deep to copy, and refuses a 10,000-deep input at the door', async () => {
    const rules = write('copy.json', [{ id: 'c', target: 'copy', source: 'deep' }, { id: 'n', target: 'n', source: 'n' }]);
    const nested = (levels: number): string => '{"n":1,"deep":' + '{"d":'.repeat(levels) + '1' + '}'.repeat(levels) + '}';
    const r = await cli(mapCommand, ['--mapping', rules, '--input', write('deep.json', nested(200)), '--on-error', 'null_field']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ n: 1, copy: null });
    expect(JSON.parse(r.stderr).details.errors[0].code).toBe('mapping_value_too_deep');
    const refused = await cli(mapCommand, ['--mapping', rules, '--input', write('deeper.json', nested(10_000))]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ code: 'json_too_deep' });
  });

  it('refuses a malformed mapping with the rule and position', async () => {
    const r = await cli(mapCommand, ['--mapping', write('bad.json', [{ id: 'r1', target: 'a[*', source: 'x' }]), '--input', write('one.json', {})]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ code: 'mapping_bad_path', details: { issues: [{ ruleId: 'r1', position: 1 }] } });
  });
});

describe('patchbay mapping', () => {
  it('imports a sheet, exports it as XLSX and imports the same rules back', async () => {
    const imported = await cli(mappingCommand, ['import', join(samples, 'seed-mapping.csv')]);
    expect(imported.code).toBe(0);
    const rules = JSON.parse(imported.stdout) as { target: string }[];
    expect(rules).toHaveLength(11);
    write('seed-rules.json', rules);
    const exported = await cli(mappingCommand, ['export', 'seed-rules.json', '--format', 'xlsx', '--out', 'seed.xlsx']);
    expect(JSON.parse(exported.stdout)).toEqual({ written: 'seed.xlsx', format: 'xlsx', rules: 11 });
    const back = await cli(mappingCommand, ['import', 'seed.xlsx']);
    expect(JSON.parse(back.stdout)).toEqual(rules);
  });

  it('suggests sources for unmapped targets', async () => {
    const r = await cli(mappingCommand, ['suggest', '--sample', join(samples, 'seed-purchase-orders.json'), '--targets', write('t.json', ['vendor.email', 'lineItems[*].unit_cost']), '--limit', '2']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { target: string; candidates: { source: string }[] }[];
    expect(out.map((s) => [s.target, s.candidates[0]?.source])).toEqual([
      ['vendor.email', 'email'],
      ['lineItems[*].unit_cost', 'item.items[*].rate'],
    ]);
  });

  it('validates rules and refuses bad files with stable codes', async () => {
    const v = await cli(mappingCommand, ['validate', write('v.json', [{ id: 'a', target: 'a', source: 'b', transforms: [{ name: 'nope' }] }])]);
    expect(v.code).toBe(1);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: false, issues: [{ code: 'mapping_unknown_transform', ruleId: 'a' }] });
    const garbage = await cli(mappingCommand, ['import', write('junk.xlsx', 'this is not a workbook')]);
    expect(JSON.parse(garbage.stderr).code).toBe('mapping_import_bad_file');
    const empty = await cli(mappingCommand, ['import', write('empty.csv', '')]);
    expect(JSON.parse(empty.stderr).code).toBe('mapping_import_empty');
    const sub = await cli(mappingCommand, ['explode']);
    expect(JSON.parse(sub.stderr).code).toBe('bad_request');
  });
});
