import { describe, expect, it } from 'vitest';
import type { MappingIssue } from '../errors';
import { TransformFailure } from '../errors';
import type { TransformStep } from '../rules';
import { compileChain, getTransform } from './index';
import { splitFullName } from './names';

function run(steps: TransformStep[], value: unknown): unknown {
  const issues: MappingIssue[] = [];
  const chain = compileChain(steps, 'r', issues);
  if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('; '));
  return chain.fn ? chain.fn(value) : value;
}
const t = (name: string, ...args: unknown[]): TransformStep => ({ name, args } as TransformStep);
const failCode = (steps: TransformStep[], value: unknown): string => {
  try {
    run(steps, value);
  } catch (e) {
    if (e instanceof TransformFailure) return e.code;
    throw e;
  }
  throw new Error('expected a failure');
};

describe('text transforms', () => {
  it('trim, upper, lower leave non-text and missing values alone', () => {
    expect(run([t('trim'), t('upper')], '  ab c ')).toBe('AB C');
    expect(run([t('lower')], 'ÄBC')).toBe('äbc');
    expect(run([t('trim')], 12)).toBe(12);
    expect(run([t('upper')], null)).toBe(null);
    expect(run([t('trim')], undefined)).toBe(undefined);
  });

  it('string converts numbers, booleans and objects', () => {
    expect(run([t('string')], 12.5)).toBe('12.5');
    expect(run([t('string')], false)).toBe('false');
    expect(run([t('string')], { a: 1 })).toBe('{"a":1}');
    expect(run([t('string')], null)).toBe(null);
  });

  it('split keeps one part (negative from the end) or the list', () => {
    expect(run([t('split', '-', 1)], 'a - b - c')).toBe('b');
    expect(run([t('split', '-', -1)], 'a-b-c')).toBe('c');
    expect(run([t('split', '-', 5)], 'a-b')).toBe(undefined);
    expect(run([t('split', ',')], 'a, b')).toEqual(['a', 'b']);
    expect(() => run([t('split', '')], 'x')).toThrow(/separator/);
  });

  it('concat and template join several sources', () => {
    expect(run([t('concat', ' ')], ['Ann', null, '', 'Lee'])).toBe('Ann Lee');
    expect(run([t('concat')], [null, undefined])).toBe(null);
    expect(run([t('template', '{1}, {0} ({2})')], ['Ann', 'Lee'])).toBe('Lee, Ann ()');
    expect(() => run([t('template', 'no placeholder')], ['a'])).toThrow(/placeholder/);
  });

  it('default fills missing, null and empty; constant always wins', () => {
    expect(run([t('default', 'n/a')], '')).toBe('n/a');
    expect(run([t('default', 'n/a')], null)).toBe('n/a');
    expect(run([t('default', 'n/a')], 0)).toBe(0);
    expect(run([t('constant', 'USD')], 'EUR')).toBe('USD');
    const obj = run([t('constant', { a: [1] })], null) as { a: number[] };
    obj.a.push(2);
    expect(run([t('constant', { a: [1] })], null)).toEqual({ a: [1] });
  });
});

describe('conversions', () => {
  it('number reads plain and grouped numbers and refuses the rest', () => {
    expect(run([t('number')], ' 12.5 ')).toBe(12.5);
    expect(run([t('number')], '1,234.5')).toBe(1234.5);
    expect(run([t('number')], '-3e2')).toBe(-300);
    expect(run([t('number')], '')).toBe(null);
    expect(run([t('number')], true)).toBe(1);
    expect(failCode([t('number')], 'abc')).toBe('mapping_not_a_number');
    expect(failCode([t('number')], '1,5')).toBe('mapping_not_a_number');
    expect(failCode([t('number')], {})).toBe('mapping_not_a_number');
  });

  it('integer refuses fractions; round rounds half away from zero', () => {
    expect(run([t('integer')], '12')).toBe(12);
    expect(failCode([t('integer')], '12.5')).toBe('mapping_not_an_integer');
    expect(run([t('round', 2)], 1.005)).toBe(1.01);
    expect(run([t('round')], -2.5)).toBe(-3);
    expect(run([t('round', 1)], '2.25')).toBe(2.3);
    expect(() => run([t('round', 'two')], 1)).toThrow(/whole number/);
  });

  it('boolean understands NetSuite T/F, yes/no and 1/0', () => {
    expect(run([t('boolean')], 'T')).toBe(true);
    expect(run([t('boolean')], 'no')).toBe(false);
    expect(run([t('boolean')], 1)).toBe(true);
    expect(run([t('boolean')], ' ')).toBe(null);
    expect(failCode([t('boolean')], 'maybe')).toBe('mapping_not_a_boolean');
  });
});

describe('date', () => {
  it('parses the given formats strictly and formats in UTC', () => {
    expect(run([t('date', 'MM/DD/YYYY', 'YYYY-MM-DD')], '03/04/2025')).toBe('2025-03-04');
    expect(run([t('date', ['DD.MM.YYYY', 'YYYY-MM-DD'], 'MM/DD/YYYY')], '2025-03-04')).toBe('03/04/2025');
    expect(run([t('date')], '2025-03-04T23:09:00-05:00')).toBe('2025-03-05');
    expect(run([t('date', 'iso', 'iso')], '2025-03-04')).toBe('2025-03-04T00:00:00.000Z');
    expect(run([t('date')], 0)).toBe('1970-01-01');
    expect(run([t('date')], '')).toBe(null);
  });

  it('refuses impossible and mis-formatted dates', () => {
    expect(failCode([t('date')], '2025-02-30')).toBe('mapping_bad_date');
    expect(failCode([t('date', 'MM/DD/YYYY')], '13/04/2025')).toBe('mapping_bad_date');
    expect(failCode([t('date')], 'next tuesday')).toBe('mapping_bad_date');
    expect(() => run([t('date', 5)], 'x')).toThrow(/format/);
  });
});

describe('splitName', () => {
  const cases: [string, string | null, string | null, string | null][] = [
    ['John Smith', 'John', null, 'Smith'],
    ['Mary Ann Johnson', 'Mary', 'Ann', 'Johnson'],
    ['Smith, John', 'John', null, 'Smith'],
    ['van der Berg, Anna Maria', 'Anna', 'Maria', 'van der Berg'],
    ['Anna van der Berg', 'Anna', null, 'van der Berg'],
    ['Jean-Claude Van Damme', 'Jean-Claude', null, 'Van Damme'],
    ['Ludwig van Beethoven', 'Ludwig', null, 'van Beethoven'],
    ['Cher', 'Cher', null, null],
    ['  Sam   Taylor  ', 'Sam', null, 'Taylor'],
    ['Dr. Priya Natarajan', 'Priya', null, 'Natarajan'],
    ['Robert Downey Jr.', 'Robert', null, 'Downey'],
    ['Robert Downey, Jr.', 'Robert', null, 'Downey'],
    ['', null, null, null],
  ];
  it.each(cases)('%j', (full, first, middle, last) => {
    expect(splitFullName(full)).toEqual({ first, middle, last });
  });

  it('needs the part to keep and passes non-text through', () => {
    expect(run([t('splitName', 'last')], 'Anna van der Berg')).toBe('van der Berg');
    expect(run([t('splitName', 'first')], null)).toBe(null);
    expect(() => run([t('splitName')], 'x')).toThrow(/first, middle or last/);
  });
});

describe('lookup', () => {
  it('maps values through a table, with a default and ignoring case on request', () => {
    const table = { High: 'P1', Low: 'P3' };
    expect(run([t('lookup', table, 'P2')], 'High')).toBe('P1');
    expect(run([t('lookup', table, 'P2')], 'Medium')).toBe('P2');
    expect(run([t('lookup', table, 'P2')], 'high')).toBe('P2');
    expect(run([t('lookup', table, 'P2', true)], ' high ')).toBe('P1');
    expect(run([t('lookup', { 1: 'one' })], 1)).toBe('one');
    expect(failCode([t('lookup', table)], 'Medium')).toBe('mapping_lookup_miss');
    expect(failCode([t('lookup', table)], 'constructor')).toBe('mapping_lookup_miss');
    expect(run([t('lookup', table)], null)).toBe(null);
    expect(() => run([t('lookup', ['a'])], 'x')).toThrow(/table/);
    expect(() => run([t('lookup', { A: 1, a: 2 }, null, true)], 'x')).toThrow(/twice/);
  });
});

describe('aggregates', () => {
  it('join, sum, count and first reduce a list; transforms before them apply per item', () => {
    expect(run([t('join')], ['a', null, 'b'])).toBe('a, b');
    expect(run([t('trim'), t('join', '|')], [' a', 'b '])).toBe('a|b');
    expect(run([t('sum')], [0.1, 0.2, '1'])).toBe(1.3);
    expect(run([t('sum')], [])).toBe(0);
    expect(run([t('count')], [1, null, undefined, 0])).toBe(2);
    expect(run([t('first')], [null, 'x', 'y'])).toBe('x');
    expect(run([t('first')], [])).toBe(undefined);
    expect(run([t('count')], 'single')).toBe(1);
    expect(run([t('count')], null)).toBe(0);
    expect(run([t('sum'), t('round', 1)], [1.26, 1])).toBe(2.3);
    expect(failCode([t('sum')], ['x'])).toBe('mapping_not_a_number');
  });

  it('allows one aggregate per chain', () => {
    const issues: MappingIssue[] = [];
    compileChain([t('sum'), t('count')], 'r', issues);
    expect(issues[0]?.code).toBe('mapping_bad_transform_args');
  });

  it('every transform is in the registry', () => {
    for (const name of ['trim', 'upper', 'lower', 'string', 'number', 'integer', 'boolean', 'round', 'date', 'default', 'constant', 'split', 'splitName', 'concat', 'template', 'lookup', 'join', 'sum', 'count', 'first']) {
      expect(getTransform(name)?.name).toBe(name);
    }
  });
});
