import { describe, expect, it } from 'vitest';
import { formatPath, getAt, parsePointer, setAt, toPointer, type DocPathSegment } from './json-pointer';
import { ABSENT, interleave } from './json-value';

describe('id-keyed pointers', () => {
  it('round-trip keys with /, ~ and a leading # distinct from id steps', () => {
    const path: DocPathSegment[] = ['blocks', { id: 'map' }, 'config', 'headers', 'a/b~c', '#not-an-id', { id: 'r/1' }];
    const pointer = toPointer(path);
    expect(pointer).toBe('/blocks/#map/config/headers/a~1b~0c/~2not-an-id/#r~11');
    expect(parsePointer(pointer)).toEqual(path);
    expect(parsePointer('')).toEqual([]);
    expect(() => parsePointer('blocks')).toThrow(/must start with/);
  });

  it('formats paths the way the mapper writes them', () => {
    expect(formatPath(['blocks', { id: 'fetch' }, 'config', 'headers', 'Content-Type'])).toBe('blocks[fetch].config.headers["Content-Type"]');
  });

  it('reads and writes through id steps, inserting new elements after a named predecessor', () => {
    const doc = { rules: [{ id: 'a', v: 1 }, { id: 'c', v: 3 }], o: { k: 1 } };
    expect(getAt(doc, ['rules', { id: 'c' }, 'v'])).toBe(3);
    expect(getAt(doc, ['rules', { id: 'x' }, 'v'])).toBe(ABSENT);
    expect(getAt(doc, ['o', 'missing'])).toBe(ABSENT);
    setAt(doc, ['rules', { id: 'b' }], { id: 'b', v: 2 }, { after: ['zz', 'a'] });
    setAt(doc, ['rules', { id: 'c' }, 'v'], 30);
    setAt(doc, ['o', 'k'], ABSENT);
    expect(doc).toEqual({ rules: [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 30 }], o: {} });
    setAt(doc, ['rules', { id: 'a' }], ABSENT);
    expect(doc.rules.map((r) => r.id)).toEqual(['b', 'c']);
    expect(() => setAt(doc, ['nope', 'k'], 1)).toThrow(/no object/);
  });

  it('interleaves a secondary order after each element\'s nearest placed predecessor', () => {
    expect(interleave(['c', 'a'], ['x', 'a', 'y', 'z', 'c', 'w'])).toEqual(['x', 'c', 'w', 'a', 'y', 'z']);
  });
});
