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
 * A function that cuts an input down to `shape`, built once per shape (the tree walk would
 * otherwise be repeated for every record). Only plain objects and arrays are cut; anything else
 * (a Date, an object with toJSON) crosses whole, so the function sees exactly what JSON would
 * give it for every path it reads. Values it never reads may differ: that is the point.
 */
export function compileProjector(shape: Shape): Projector {
  if (shape.full) return keepAll;
  // Keys that live on Object.prototype (__proto__ among them) never get here: analyze.ts keeps
  // the whole parent instead, so plain assignment below cannot set a prototype.
  const keys = [...shape.keys.keys()];
  const parts = [...shape.keys.values()].map(compileProjector);
  const each = shape.each ? compileProjector(shape.each) : null;
  return (value) => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      // Named keys on an array (other than elements) are not something we cut safely.
      if (keys.length > 0) return value;
      if (!each) return [];
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = each(value[i]);
      return out;
    }
    if (each || !isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      // Own or absent: only plain objects get here, and no key is an Object.prototype name.
      // An undefined value is dropped, as JSON would drop it.
      const v = value[key];
      if (v !== undefined) out[key] = (parts[i] as Projector)(v);
    }
    return out;
  };
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
