// The part of an input a function reads, as a tree: named keys, array elements (`each`), or
// the whole value (`full`). Built by analyze.ts; applied on the host before input crosses into
// the isolate, so unread fields are never copied.

export interface Shape {
  full: boolean;
  readonly keys: Map<string, Shape>;
  each: Shape | null;
}

export const EACH = Symbol('each');
export type Segment = string | typeof EACH;

export function emptyShape(): Shape {
  return { full: false, keys: new Map(), each: null };
}

/** Makes sure `path` exists in the tree and returns its node. */
export function nodeAt(root: Shape, path: readonly Segment[]): Shape {
  let node = root;
  for (const seg of path) {
    if (node.full) return node;
    if (seg === EACH) {
      node.each ??= emptyShape();
      node = node.each;
    } else {
      let next = node.keys.get(seg);
      if (!next) {
        next = emptyShape();
        node.keys.set(seg, next);
      }
      node = next;
    }
  }
  return node;
}

/** The value at `path` is used as a whole: keep all of it. */
export function markFull(root: Shape, path: readonly Segment[]): void {
  const node = nodeAt(root, path);
  node.full = true;
  node.keys.clear();
  node.each = null;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export type Projector = (value: unknown) => unknown;

const keepAll: Projector = (value) => value;

/**
 * A function that cuts an input down to `shape`, built once per shape. Only plain objects and
 * arrays are cut; anything else (a Date, an object with toJSON) crosses whole, so the function
 * sees exactly what JSON would give it for every path it reads. Values it never reads may differ:
 * that is the point. The result only ever becomes JSON text, so an absent key may come out as
 * `undefined` (JSON drops it just the same).
 *
 * The projector is generated code with the shape's keys as literals: a tree of closures with
 * computed keys ran 7x slower than the same cut written by hand, and it runs once per record of
 * every batch. Keys enter the code only as JSON string literals, never as code.
 */
export function compileProjector(shape: Shape): Projector {
  if (shape.full) return keepAll;
  const functions: string[] = [];
  const emit = (node: Shape): string => {
    const at = functions.length;
    const name = `p${at}`;
    functions.push('');
    if (node.full) {
      functions[at] = `function ${name}(v) { return v; }`;
      return name;
    }
    const keys = [...node.keys.keys()];
    const parts = [...node.keys.values()].map(emit);
    const each = node.each ? emit(node.each) : null;
    // Named keys on an array (other than elements) are not something we cut safely.
    const onArray = keys.length > 0 ? 'v' : each ? `mapEach(v, ${each})` : '[]';
    // Only plain objects get the literal, and analyze.ts never names a key of Object.prototype
    // (it keeps the whole parent instead), so no literal key can set a prototype.
    const fields = keys.map((k, i) => `${JSON.stringify(k)}: ${parts[i] ?? ''}(v[${JSON.stringify(k)}])`).join(', ');
    const onObject = each ? 'v' : `isPlain(v) ? { ${fields} } : v`;
    functions[at] = `function ${name}(v) { if (v === null || typeof v !== 'object') return v; if (isArray(v)) return ${onArray}; return ${onObject}; }`;
    return name;
  };
  const root = emit(shape);
  const make = new Function('isArray', 'isPlain', 'mapEach', `"use strict"; ${functions.join('\n')}\nreturn ${root};`) as (
    isArray: (v: unknown) => boolean,
    isPlain: (v: object) => boolean,
    mapEach: (v: readonly unknown[], f: Projector) => unknown[],
  ) => Projector;
  return make(Array.isArray, isPlainObject, mapEach);
}

function mapEach(value: readonly unknown[], each: Projector): unknown[] {
  const out = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = each(value[i]);
  return out;
}

/** One-off projection (tests); hot paths compile once with compileProjector. */
export function project(value: unknown, shape: Shape): unknown {
  return compileProjector(shape)(value);
}

/** For tests and logs: the shape as plain data. */
export function describeShape(shape: Shape): unknown {
  if (shape.full) return true;
  const out: Record<string, unknown> = {};
  for (const [k, v] of shape.keys) out[k] = describeShape(v);
  if (shape.each) out['[*]'] = describeShape(shape.each);
  return out;
}
