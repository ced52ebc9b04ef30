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
  it('projects for the run the module actually exports, even when it differs from the last load', async () => {
    // The engine sends input projected for the `run` this script had last time; a module that
    // picks its `run` anew on each load must still get the fields it reads.
    const code = 'export const run = Math.random() < 0.5 ? (i) => i.a : (i) => i.b;';
    for (const batch of [false, true]) {
      for (let n = 0; n < 12; n++) {
        const r = await sandbox.run({ code, language: 'js', input: batch ? [{ a: 1, b: 2 }] : { a: 1, b: 2 }, batch });
        const out = r.ok ? r.output : null;
        expect([1, 2, [1], [2]]).toContainEqual(out);
      }
    }
  });

  it('sends only the fields run reads, so a small isolate handles a large input', async () => {
    const code = 'export function run(po) { return { id: po.id, skus: po.lines.map((l) => l.sku) }; }';
    const r = await sandbox.run({ code, language: 'js', input: bulky, memoryMb: 16 });
    expect(r.ok && r.output).toEqual({ id: 'PO-1', skus: ['A', 'B'] });
    const whole = await unprojected.run({ code, language: 'js', input: bulky, memoryMb: 16 });
    expect(whole.ok ? null : whole.error.code).toBe('code_memory_limit');
  });

  it('gives the same results as sending the whole input', async () => {
    const input = {
      id: 'PO-3',
      meta: { tags: ['a', 'b'], empty: {} },
      lines: [{ sku: 'A', qty: 2, item: { refName: 'Widget' } }, { sku: 'B', qty: 0, item: null }],
      vendor: null,
      note: '',
      total: 0,
      when: '2026-10-01',
    };
    for (const code of [
      'export function run(p) { if (!p || !p.lines) return null; return p.lines.map((l) => [l.sku, l.item?.refName ?? "-"]); }',
      'export function run({ id, lines: [first], vendor = { name: "none" } }) { return { id, first, vendor }; }',
      'export function run(p) { let n = 0; for (const l of p.lines) { if (l.qty) n += l.qty; } return { n, t: typeof p.meta, v: p.vendor == null, e: p.meta.empty && 1 }; }',
      'export function run(p) { const { meta: { tags } } = p; return tags.join("+") + (p.note && "x") + (p.total && 1); }',
      'export function run(p) { return p.lines.some((l) => l.qty === 0) && p.lines.every(({ sku }) => sku.length === 1); }',
      'export async function run(p) { await null; return [p.when.slice(0, 4), Object.keys(p.meta)]; }',
    ]) {
      const r = await sandbox.run({ code, language: 'js', input });
      const plain = await unprojected.run({ code, language: 'js', input });
      expect(plain.ok, code).toBe(true);
      expect(r.ok && r.output, code).toEqual(plain.ok && plain.output);
    }
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
