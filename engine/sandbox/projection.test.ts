import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox';

const sandbox = createSandbox();
const unprojected = createSandbox({ projectInput: false });
afterAll(() => {
  sandbox.dispose();
  unprojected.dispose();
});

// A large field the code never reads: with projection it never crosses into the isolate.
const bulky = { id: 'PO-1', lines: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 3 }], attachment: 'x'.repeat(40 * 1024 * 1024) };

describe('input projection', () => {
  it('sends only the fields run reads, so a small isolate handles a large input', async () => {
    const code = 'export function run(po) { return { id: po.id, skus: po.lines.map((l) => l.sku) }; }';
    const r = await sandbox.run({ code, language: 'js', input: bulky, memoryMb: 16 });
    expect(r.ok && r.output).toEqual({ id: 'PO-1', skus: ['A', 'B'] });
    const whole = await unprojected.run({ code, language: 'js', input: bulky, memoryMb: 16 });
    expect(whole.ok ? null : whole.error.code).toBe('code_memory_limit');
  });

  it('sends everything when the code reads keys it cannot name in advance', async () => {
    const input = { id: 'PO-2', extra: { note: 'kept' } };
    for (const code of [
      'export function run(po) { return Object.keys(po); }',
      'export function run(po) { const k = "ex" + "tra"; return po[k].note; }',
      'export function run(po) { return JSON.stringify(po); }',
      'const pick = (o) => o.extra.note;\nexport function run(po) { return pick(po); }',
    ]) {
      const r = await sandbox.run({ code, language: 'js', input });
      const plain = await unprojected.run({ code, language: 'js', input });
      expect(r.ok && r.output, code).toEqual(plain.ok && plain.output);
    }
  });

  it('projects each record in batch mode', async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ n: i, blob: 'y'.repeat(1024 * 1024) }));
    const r = await sandbox.run({ code: 'export const run = (r) => r.n * 2;', language: 'js', input: records, batch: true, chunkSize: 10, memoryMb: 16 });
    expect(r.ok && r.output).toEqual(records.map((x) => x.n * 2));
  });
});
