import type { MappingIssue } from '../errors';
import type { TransformStep } from '../rules';
import { count, first, join, sum } from './aggregate';
import { boolean, integer, number, round } from './convert';
import { date } from './date';
import { lookup } from './lookup';
import { splitName } from './names';
import { ArgError, type TransformDef, type TransformFn } from './registry';
import { concat, constant, defaultValue, lower, split, string, template, trim, upper } from './text';

export type { TransformDef, TransformFn, TransformKind, ValueType } from './registry';

const ALL: readonly TransformDef[] = [
  trim, upper, lower, string, number, integer, boolean, round, date, defaultValue, constant,
  split, splitName, concat, template, lookup, join, sum, count, first,
];

const byName = new Map(ALL.map((t) => [t.name, t]));

export function getTransform(name: string): TransformDef | undefined {
  return byName.get(name);
}

/** For the inspector's transform picker and the CLI's help. */
export function transformCatalog(): { name: string; kind: string; signature: string; summary: string; output: string }[] {
  return ALL.map((t) => ({ name: t.name, kind: t.kind, signature: t.signature, summary: t.summary, output: t.output }));
}

export interface CompiledChain {
  /** null when the chain is empty: the value passes unchanged. */
  readonly fn: TransformFn | null;
  readonly hasAggregate: boolean;
}

function compose(fns: readonly TransformFn[]): TransformFn | null {
  if (fns.length === 0) return null;
  if (fns.length === 1) return fns[0] ?? null;
  if (fns.length === 2) {
    const [a, b] = fns as [TransformFn, TransformFn];
    return (v) => b(a(v));
  }
  return (v) => {
    let x = v;
    for (const f of fns) x = f(x);
    return x;
  };
}

/** What an aggregate reads: an array as is, a missing value as nothing, anything else as one item. */
export function asItems(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

/**
 * Compiles a chain once. Steps before an aggregate apply to each item, the aggregate reduces
 * the list, and steps after it apply to the result. Problems are pushed to `issues`.
 */
export function compileChain(steps: readonly TransformStep[], ruleId: string, issues: MappingIssue[]): CompiledChain {
  const fns: TransformFn[] = [];
  let aggregateAt = -1;
  let ok = true;
  steps.forEach((step, i) => {
    const def = byName.get(step.name);
    if (!def) {
      ok = false;
      issues.push({
        code: 'mapping_unknown_transform',
        ruleId,
        field: `transforms[${i}]`,
        message: `rule "${ruleId}": unknown transform "${step.name}" (step ${i + 1}); known: ${ALL.map((t) => t.name).join(', ')}`,
      });
      return;
    }
    if (def.kind === 'aggregate') {
      if (aggregateAt >= 0) {
        ok = false;
        issues.push({
          code: 'mapping_bad_transform_args',
          ruleId,
          field: `transforms[${i}]`,
          message: `rule "${ruleId}": only one aggregate (join, sum, count, first) may appear in a chain`,
        });
        return;
      }
      aggregateAt = i;
    }
    try {
      fns.push(def.create(step.args));
    } catch (e) {
      ok = false;
      const why = e instanceof ArgError ? e.message : String(e);
      issues.push({ code: 'mapping_bad_transform_args', ruleId, field: `transforms[${i}]`, message: `rule "${ruleId}": ${why}` });
    }
  });
  if (!ok) return { fn: null, hasAggregate: aggregateAt >= 0 };
  if (aggregateAt < 0) return { fn: compose(fns), hasAggregate: false };
  const pre = compose(fns.slice(0, aggregateAt));
  const agg = fns[aggregateAt] as TransformFn;
  const post = compose(fns.slice(aggregateAt + 1));
  const reduce: TransformFn = pre ? (v) => agg(asItems(v).map(pre)) : (v) => agg(asItems(v));
  return { fn: post ? (v) => post(reduce(v)) : reduce, hasAggregate: true };
}
