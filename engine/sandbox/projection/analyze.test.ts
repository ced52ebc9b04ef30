import { describe, expect, it } from 'vitest';
import { analyzeInputUse } from './analyze';
import { describeShape, project } from './shape';

function shapeOf(source: string): unknown {
  const shape = analyzeInputUse(source);
  return shape === null ? null : describeShape(shape);
}

describe('analyzeInputUse', () => {
  it('follows property reads, aliases, destructuring, for…of and element callbacks', () => {
    const source = `function run(po, ctx) {
      const { tranId, vendor: { name } } = po;
      const lines = po.item.items;
      let total = 0;
      for (const l of lines) total += l.amount;
      return { tranId, name, email: po.email?.trim(), total, skus: lines.map((x) => x.item.refName), n: po.count };
    }`;
    expect(shapeOf(source)).toEqual({
      tranId: true,
      vendor: { name: true },
      item: { items: { '[*]': { amount: true, item: { refName: true } } } },
      email: true,
      count: true,
    });
  });

  it('reads arrows, methods and async functions', () => {
    expect(shapeOf('(i) => i.a.b')).toEqual({ a: { b: true } });
    expect(shapeOf('run(i) { return i.x; }')).toEqual({ x: true });
    expect(shapeOf('async function run(i) { await null; return i.y; }')).toEqual({ y: true });
    expect(shapeOf('function run() { return 1; }')).toEqual({});
  });

  it('needs only presence for truthiness, typeof and null checks', () => {
    expect(shapeOf('function run(p) { if (!p || typeof p.meta !== "object") return null; return p.meta && p.lines != null ? p.id : p.name; }')).toEqual({
      meta: {},
      lines: {},
      id: true,
      name: true,
    });
    expect(shapeOf('function run(p) { return p.meta || {}; }')).toEqual({ meta: true });
    expect(shapeOf('function run(p) { return p.status === "open"; }')).toEqual({ status: true });
  });

  it('keeps a whole value that is used as a whole', () => {
    expect(shapeOf('function run(p) { return { v: p.vendor, n: p.lines.length, s: p.name.toUpperCase() }; }')).toEqual({ vendor: true, lines: true, name: true });
    expect(shapeOf('function run(p) { return p.lines.filter((l) => l.ok).map((l2) => l2.sku); }')).toEqual({ lines: true });
    expect(shapeOf('function run(p) { return Object.keys(p.meta).length + p.lines.map(toLine).length; }')).toEqual({ meta: true, lines: true });
    expect(shapeOf('function run(p) { const k = "a"; return p.x[k]; }')).toEqual({ x: true });
    expect(shapeOf('function run(p) { return p.valueOf().secret; }')).toEqual(null);
  });

  it('gives up when the input could flow where it cannot follow', () => {
    for (const source of [
      'function run(p) { return helper(p); }',
      'function run(p) { return { ...p }; }',
      'function run(p) { return arguments[0].secret; }',
      'function run(p) { return eval("p.secret"); }',
      'function run(p) { const a = p.x; { const a = 1; } return a.y; }',
      'function run(p) { return p.lines.map((l) => l.a).concat(p.more.map((l) => l.b)); }',
      'function run(p) { let a; ({ a } = p); return a.secret; }',
      'function run(...all) { return all[0].x; }',
      'function () { [native code] }',
    ]) {
      expect(shapeOf(source), source).toBeNull();
    }
  });

  it('treats keys that live on prototypes as reads of the whole parent', () => {
    expect(shapeOf('function run(p) { return p.o.hasOwnProperty("secret") ? p.o.constructor : p.__proto__; }')).toBeNull();
    expect(shapeOf('function run(p) { return p.o.hasOwnProperty("secret"); }')).toEqual({ o: true });
  });
});

describe('project', () => {
  it('keeps what is read and drops the rest, element by element', () => {
    const shape = analyzeInputUse('function run(po) { return po.lines.map((l) => l.sku + po.id); }');
    if (!shape) throw new Error('expected a shape');
    const po = { id: 'PO1', memo: 'long text', lines: [{ sku: 'A', description: 'x'.repeat(100) }, { sku: 'B' }] };
    expect(project(po, shape)).toEqual({ id: 'PO1', lines: [{ sku: 'A' }, { sku: 'B' }] });
  });

  it('crosses non-plain values and unexpected kinds whole', () => {
    const shape = analyzeInputUse('function run(po) { return po.when.x + po.list.y; }');
    if (!shape) throw new Error('expected a shape');
    const when = new Date(0);
    expect(project({ when, list: [1, 2], other: 1 }, shape)).toEqual({ when, list: [1, 2] });
    expect(project(null, shape)).toBeNull();
    expect(project('text', shape)).toBe('text');
  });
});
