import { describe, expect, it } from 'vitest';
import { inputTypings, typeOfSample } from './typings';

describe('Custom Code typings from a sample', () => {
  it('types records, lists with optional fields and odd keys', () => {
    expect(typeOfSample({ tranId: 'PO1', total: 3, lines: [{ sku: 'A' }, { sku: 'B', qty: 2 }] })).toBe(
      '{\n  tranId: string;\n  total: number;\n  lines: {\n    sku: string;\n    qty?: number;\n  }[];\n}',
    );
    expect(typeOfSample({ 'Full Name': null })).toContain('"Full Name": null;');
  });

  it('in batch mode types one element and declares the index', () => {
    const d = inputTypings([{ a: 1 }], { batch: true });
    expect(d).toContain('type Input = {\n  a: number;\n};');
    expect(d).toContain('declare const index: number;');
    expect(d).toContain('interface Ctx');
  });
});
