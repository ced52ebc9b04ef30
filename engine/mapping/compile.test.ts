import { describe, expect, it } from 'vitest';
import { prng } from './fixtures/purchase-orders';
import { compileMapping, interpretMapping, type CompiledMapping } from './compiled';
import type { RecordError } from './errors';
import type { RuleInput, TransformStep } from './rules';

// The compiled function must be indistinguishable from the reference interpreter. Random
// mappings (paths with keys, [n] and [*] at several levels, transforms that fail on some values,
// aggregates, several sources, constants, defaults, JSONata) are run on random records.

const KEYS = ['a', 'b', 'items', 'c'];

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 3 || r < 0.35) {
    const leaves = [1, 2.5, '3', 'x y', ' pad ', null, true, '', 'T', '1,234'];
    return leaves[Math.floor(rand() * leaves.length)];
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (const k of KEYS) if (rand() < 0.6) obj[k] = randomValue(rand, depth + 1);
  return obj;
}

function randomPath(rand: () => number, maxWild: number, forTarget: boolean): string {
  const len = 1 + Math.floor(rand() * 3);
  let p = '';
  let wild = 0;
  for (let i = 0; i < len; i++) {
    const key = forTarget ? `t${Math.floor(rand() * 3)}` : (KEYS[Math.floor(rand() * KEYS.length)] as string);
    p += i === 0 ? key : `.${key}`;
    const r = rand();
    if (wild < maxWild && r < 0.35) {
      p += '[*]';
      wild += 1;
    } else if (!forTarget && r < 0.45) p += `[${Math.floor(rand() * 2)}]`;
  }
  return p;
}

const pick = <T,>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

function randomRule(rand: () => number, id: string): RuleInput {
  const target = randomPath(rand, 2, true);
  const kind = rand();
  const transforms: TransformStep[] = [];
  const valueSteps: TransformStep[] = [
    { name: 'trim', args: [] },
    { name: 'number', args: [] },
    { name: 'upper', args: [] },
    { name: 'boolean', args: [] },
    { name: 'default', args: ['d'] },
    { name: 'string', args: [] },
  ];
  if (rand() < 0.5) transforms.push(pick(rand, valueSteps));
  if (rand() < 0.35) transforms.push(pick(rand, [{ name: 'sum', args: [] }, { name: 'count', args: [] }, { name: 'join', args: ['+'] }, { name: 'first', args: [] }] as TransformStep[]));
  const rule: RuleInput = { id, target, transforms };
  if (rand() < 0.15) rule.default = 'fallback';
  if (kind < 0.65) rule.source = rand() < 0.05 ? '$' : randomPath(rand, 3, false);
  else if (kind < 0.8) {
    rule.sources = [randomPath(rand, 2, false), randomPath(rand, 1, false)];
    if (rand() < 0.5) rule.transforms = [{ name: 'concat', args: ['-'] }];
  } else if (kind < 0.9) rule.constant = pick(rand, ['k', 7, null, { o: 1 }]);
  else rule.expr = pick(rand, ['a', 'items.a', '$count(items)', 'b.c & "!"', '$number(a)']);
  return rule;
}

const sortErrors = (errs: readonly RecordError[]): RecordError[] =>
  [...errs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('compiled mapping equals the interpreter', () => {
  it('on randomized mappings and records', async () => {
    const rand = prng(20261127);
    let compared = 0;
    let withErrors = 0;
    let mappings = 0;
    for (let m = 0; m < 2500 && mappings < 300; m++) {
      const rules = Array.from({ length: 1 + Math.floor(rand() * 5) }, (_v, i) => randomRule(rand, `r${i}`));
      let compiled: CompiledMapping;
      try {
        compiled = compileMapping(rules);
      } catch {
        continue;
      }
      mappings += 1;
      for (let k = 0; k < 8; k++) {
        const raw = randomValue(rand, 0);
        const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : { a: raw, items: [raw, { a: raw }] };
        const fast = compiled.isAsync ? await compiled.mapRecordAsync(record) : compiled.mapRecord(record);
        const ref = await interpretMapping(compiled.plan, record);
        expect(JSON.stringify(fast.value), `${JSON.stringify(rules)} on ${JSON.stringify(record)}`).toBe(JSON.stringify(ref.value));
        expect(sortErrors(fast.errors)).toEqual(sortErrors(ref.errors));
        compared += 1;
        if (ref.errors.length > 0) withErrors += 1;
      }
    }
    // The generator must actually exercise the compiler, including its error paths.
    expect(mappings).toBeGreaterThanOrEqual(300);
    expect(compared).toBeGreaterThan(1000);
    expect(withErrors).toBeGreaterThan(20);
  });
});

describe('generated code', () => {
  it('keeps hostile keys and values as data: nothing they contain runs', () => {
    const g = globalThis as Record<string, unknown>;
    delete g.pwned;
    const evil = [
      '"]; globalThis.pwned = 1; //',
      "'); globalThis.pwned = 1; ('",
      '`${globalThis.pwned = 1}`',
      '\\"]; globalThis.pwned = 1; //',
      '\u2028globalThis.pwned = 1;//',
      '*/ globalThis.pwned = 1; /*',
      '__proto__',
    ];
    const rules: RuleInput[] = evil.flatMap((key, i) => [
      { id: `k${i}`, target: `out${i}[${JSON.stringify(key)}]`, source: `[${JSON.stringify(key)}]` },
      { id: `v${i}`, target: `val${i}`, constant: key, transforms: [{ name: 'default', args: [key] }, { name: 'lookup', args: [{ [key]: key }, key] }] },
      { id: `l${i}`, target: `lines${i}[*][${JSON.stringify(key)}]`, source: `list[*][${JSON.stringify(key)}]`, default: key },
    ]);
    const compiled = compileMapping(rules);
    const record: Record<string, unknown> = { list: [{}] };
    for (const key of evil) Object.defineProperty(record, key, { value: `value of ${key}`, enumerable: true });
    const out = compiled.mapRecord(record).value as Record<string, Record<string, unknown>>;
    expect(g.pwned).toBeUndefined();
    evil.forEach((key, i) => {
      expect(Object.getOwnPropertyDescriptor(out[`out${i}`], key)?.value).toBe(`value of ${key}`);
      expect(out[`val${i}`]).toBe(key);
    });
    expect(Object.getPrototypeOf(out.out6)).toBe(Object.prototype);
    // Values never enter the source text; keys only as JSON string literals.
    expect(compiled.source).not.toContain('value of');
    expect(compiled.source).toContain(JSON.stringify(evil[0]));
  });

  it('runs mappings without JSONata synchronously and refuses sync calls with it', async () => {
    const sync = compileMapping([{ id: 'a', target: 'a', source: 'a' }]);
    expect(sync.isAsync).toBe(false);
    expect(sync.mapRecord({ a: 1 }).value).toEqual({ a: 1 });
    const withExpr = compileMapping([{ id: 'e', target: 'total', expr: '$sum(items.(quantity * rate))' }]);
    expect(withExpr.isAsync).toBe(true);
    expect(() => withExpr.mapRecord({})).toThrow(/async/i);
    const r = await withExpr.mapRecordAsync({ items: [{ quantity: 2, rate: 3 }, { quantity: 1, rate: 4 }] });
    expect(r.value).toEqual({ total: 10 });
  });

  it('aligns a JSONata result list with a target [*]', async () => {
    const m = compileMapping([
      { id: 'sku', target: 'lines[*].sku', source: 'items[*].sku' },
      { id: 'amt', target: 'lines[*].amount', expr: 'items.(quantity * rate)' },
    ]);
    const one = await m.mapRecordAsync({ items: [{ sku: 'a', quantity: 2, rate: 3 }] });
    expect(one.value).toEqual({ lines: [{ sku: 'a', amount: 6 }] });
    const bad = compileMapping([{ id: 'x', target: 'x', expr: '$error("boom")' }]);
    const res = await bad.mapRecordAsync({});
    expect(res.errors[0]).toMatchObject({ ruleId: 'x', code: 'mapping_expr_failed' });
  });

  it('refuses a JSONata syntax error with its position', () => {
    try {
      compileMapping([{ id: 'e', target: 'x', expr: 'items.(quantity * ' }]);
      throw new Error('not refused');
    } catch (e) {
      expect((e as { code: string }).code).toBe('mapping_bad_expr');
    }
  });
});
