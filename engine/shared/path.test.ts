import { describe, expect, it } from 'vitest';
import { formatConcrete, formatPath, parsePath, PathSyntaxError } from './path';
import { customFieldsFromMetadata } from '../mapping/suggest/metadata';

const position = (text: string, allowRoot = false): number => {
  try {
    parsePath(text, allowRoot);
  } catch (e) {
    if (e instanceof PathSyntaxError) return e.position;
    throw e;
  }
  throw new Error(`"${text}" parsed`);
};

describe('paths', () => {
  it('parses dot keys, [n], [*] and quoted keys', () => {
    expect(parsePath('item.items[*].item.refName')).toEqual([
      { kind: 'key', key: 'item' },
      { kind: 'key', key: 'items' },
      { kind: 'wild' },
      { kind: 'key', key: 'item' },
      { kind: 'key', key: 'refName' },
    ]);
    expect(parsePath('["Full Name"].x[2]')).toEqual([{ kind: 'key', key: 'Full Name' }, { kind: 'key', key: 'x' }, { kind: 'index', index: 2 }]);
    expect(parsePath("a['it''s']".replace("''", "\\'"))).toEqual([{ kind: 'key', key: 'a' }, { kind: 'key', key: "it's" }]);
    expect(parsePath('o:errorDetails')).toEqual([{ kind: 'key', key: 'o:errorDetails' }]);
    expect(parsePath('$', true)).toEqual([]);
    expect(parsePath('$.a', true)).toEqual([{ kind: 'key', key: 'a' }]);
  });

  it('reports the position of what is wrong', () => {
    expect(position('lines[*.sku')).toBe(5);
    expect(position('a..b')).toBe(2);
    expect(position('a.')).toBe(2);
    expect(position('a.*')).toBe(2);
    expect(position('a b')).toBe(1);
    expect(position('a["x]')).toBe(1);
    expect(position('')).toBe(0);
    expect(position('$')).toBe(0);
    expect(position('a[' + '9'.repeat(20) + ']')).toBe(1);
    expect(position(Array.from({ length: 70 }, () => 'k').join('.'))).toBeGreaterThan(0);
  });

  it('formats back, quoting keys that need it', () => {
    for (const p of ['item.items[*].item.refName', '["Full Name"].x[2]', 'a["b.c"][*]']) expect(formatPath(parsePath(p))).toBe(p);
    expect(formatConcrete(parsePath('a[*].b[*].c'), [2, 0])).toBe('a[2].b[0].c');
  });
});

describe('NetSuite metadata', () => {
  it('lists custom fields with their titles as labels', () => {
    const schema = {
      properties: {
        tranId: { title: 'PO #', type: 'string' },
        custbody_assigned_procurement_rep: { title: 'Assigned Procurement Rep', type: 'object', 'x-ns-custom-field': true },
        custbody2: { title: 'Shipping Priority', type: 'string', 'x-ns-custom-field': true },
      },
    };
    expect(customFieldsFromMetadata(schema)).toEqual([
      { path: 'custbody_assigned_procurement_rep.refName', label: 'Assigned Procurement Rep' },
      { path: 'custbody2', label: 'Shipping Priority' },
    ]);
    expect(customFieldsFromMetadata(null)).toEqual([]);
  });
});
