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

/**
 * The input cut down to `shape`. Only plain objects and arrays are cut; anything else (a Date,
 * an object with toJSON) crosses whole, so the function sees exactly what JSON would give it
 * for every path it reads. Values it never reads may differ: that is the point.
 */
export function project(value: unknown, shape: Shape): unknown {
  if (shape.full || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // Named keys on an array (other than elements) are not something we cut safely.
    if (shape.keys.size > 0) return value;
    const each = shape.each;
    if (!each) return [];
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = project(value[i], each);
    return out;
  }
  if (shape.each || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of shape.keys) {
    // Keys that live on Object.prototype (__proto__ among them) never reach here: analyze.ts
    // keeps the whole parent instead.
    if (Object.hasOwn(value, key)) out[key] = project(value[key], sub);
  }
  return out;
}

/** For tests and logs: the shape as plain data. */
export function describeShape(shape: Shape): unknown {
  if (shape.full) return true;
  const out: Record<string, unknown> = {};
  for (const [k, v] of shape.keys) out[k] = describeShape(v);
  if (shape.each) out['[*]'] = describeShape(shape.each);
  return out;
}
