import type { MappingErrorCode } from './errors';
import type { Segment } from '../shared/path';

// How a mapping reads its input. The compiled code inlines the same rules; the interpreter
// (the reference the compiler is tested against) calls these functions.

const EMPTY: readonly unknown[] = Object.freeze([]);

/** Keys that an object or array inherits; reading them needs an own-property check. */
export function isInheritedName(key: string): boolean {
  return key in Object.prototype || key in Array.prototype;
}

const hasOwn = Object.prototype.hasOwnProperty;

export function readSegs(value: unknown, segs: readonly Segment[]): unknown {
  let v = value;
  for (const seg of segs) {
    if (seg.kind === 'index') {
      v = Array.isArray(v) ? v[seg.index] : undefined;
    } else if (seg.kind === 'key') {
      v = v !== null && typeof v === 'object' && hasOwn.call(v, seg.key) ? (v as Record<string, unknown>)[seg.key] : undefined;
    } else {
      return undefined;
    }
  }
  return v;
}

/** The elements a [*] iterates: a record's non-array is empty; an expression's single value is one. */
export function toList(v: unknown, fromExpr: boolean): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (!fromExpr || v === undefined || v === null) return EMPTY;
  return [v];
}

/** Values under the [*] levels a target does not have, in order, for an aggregate. */
export function gatherValues(base: unknown, parts: readonly (readonly Segment[])[], from: number, out: unknown[] = []): unknown[] {
  const v = readSegs(base, parts[from] ?? []);
  if (from >= parts.length - 1) {
    out.push(v);
    return out;
  }
  for (const e of toList(v, false)) gatherValues(e, parts, from + 1, out);
  return out;
}

export const MAX_VALUE_DEPTH = 100;

/**
 * A whole object copied into the output must serialise later (journal, CLI, HTTP). A cyclic or
 * very deep one would crash JSON.stringify far from here, so it is refused per record instead.
 */
export function checkCopyable(value: object): { code: MappingErrorCode; message: string } | null {
  const ancestors = new Set<object>();
  const stack: { v: object; depth: number; leaving: boolean }[] = [{ v: value, depth: 1, leaving: false }];
  while (stack.length > 0) {
    const top = stack.pop() as { v: object; depth: number; leaving: boolean };
    if (top.leaving) {
      ancestors.delete(top.v);
      continue;
    }
    if (ancestors.has(top.v)) return { code: 'mapping_value_cyclic', message: 'the value contains itself (a cycle)' };
    if (top.depth > MAX_VALUE_DEPTH) {
      return { code: 'mapping_value_too_deep', message: `the value is nested more than ${MAX_VALUE_DEPTH} levels deep` };
    }
    ancestors.add(top.v);
    stack.push({ v: top.v, depth: top.depth, leaving: true });
    for (const child of Object.values(top.v)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, depth: top.depth + 1, leaving: false });
    }
  }
  return null;
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}
