import type { MappingIssue } from './errors';
import { compileExpr, ExprSyntaxError, type CompiledExpr } from './expr';
import { formatPath, parsePath, PathSyntaxError, splitAtWildcards, wildcardCount, type Segment } from '../shared/path';
import type { Rule } from './rules';
import { compileChain, type TransformFn } from './transforms';
import { fresh } from './transforms/text';
import { buildTargetTree, type ObjectNode } from './target-tree';

// The plan is everything the compiler and the reference interpreter share: parsed paths, compiled
// transform chains, the tree of targets and, for each target [*], the sources that size it.
// Compile-time problems are collected (not thrown one by one) so the inspector can list them all.

/** One path a rule reads. `root` is -1 for the record, or the index of an expression's result. */
export interface Reader {
  readonly root: number;
  readonly path: string;
  /** The path cut at each [*]: parts[k] is read from the element at wildcard level k. */
  readonly parts: readonly (readonly Segment[])[];
  readonly wild: number;
  /** prefixKeys[k] names the level-k element, so rules reading the same list share one loop. */
  readonly prefixKeys: readonly string[];
}

export interface PlannedRule {
  readonly index: number;
  readonly rule: Rule;
  readonly target: readonly Segment[];
  readonly targetWild: number;
  readonly readers: readonly Reader[];
  /** `sources`: the value handed to the chain is the list of the readers' values. */
  readonly multi: boolean;
  /** One reader with more [*] than the target: its extra levels are gathered into a list. */
  readonly gather: boolean;
  readonly chain: TransformFn | null;
  readonly constant: (() => unknown) | null;
  readonly fallback: (() => unknown) | null;
}

export interface Plan {
  readonly rules: readonly PlannedRule[];
  readonly root: ObjectNode;
  readonly exprs: readonly { readonly rule: number; readonly expr: CompiledExpr }[];
  readonly issues: readonly MappingIssue[];
}

function makeReader(root: number, path: string, segs: readonly Segment[]): Reader {
  const parts = splitAtWildcards(segs);
  const rootKey = root < 0 ? 'rec' : `x${root}`;
  const prefixKeys: string[] = [rootKey];
  let acc = rootKey + ':';
  for (let k = 1; k < parts.length; k++) {
    acc += formatPath(parts[k - 1] ?? []) + '[*]';
    prefixKeys.push(acc);
  }
  return { root, path, parts, wild: wildcardCount(segs), prefixKeys };
}

function pathIssue(rule: Rule, field: string, path: string, e: unknown): MappingIssue {
  const position = e instanceof PathSyntaxError ? e.position : 0;
  const why = e instanceof Error ? e.message : String(e);
  return {
    code: 'mapping_bad_path',
    ruleId: rule.id,
    field,
    path,
    position,
    message: `rule "${rule.id}": ${field} "${path}": ${why}`,
  };
}

export function planMapping(rules: readonly Rule[]): Plan {
  const issues: MappingIssue[] = [];
  const planned: PlannedRule[] = [];
  const exprs: { rule: number; expr: CompiledExpr }[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      issues.push({ code: 'mapping_duplicate_rule_id', ruleId: rule.id, message: `rule id "${rule.id}" is used twice` });
    }
    seen.add(rule.id);
    let target: Segment[];
    try {
      target = parsePath(rule.target);
      if (target[0]?.kind !== 'key') throw new PathSyntaxError('a target starts with a field name', 0);
    } catch (e) {
      issues.push(pathIssue(rule, 'target', rule.target, e));
      return;
    }
    const targetWild = wildcardCount(target);
    const readers: Reader[] = [];
    const before = issues.length;
    if (rule.source !== undefined) {
      try {
        readers.push(makeReader(-1, rule.source, parsePath(rule.source, true)));
      } catch (e) {
        issues.push(pathIssue(rule, 'source', rule.source, e));
      }
    } else if (rule.sources !== undefined) {
      rule.sources.forEach((src, i) => {
        try {
          readers.push(makeReader(-1, src, parsePath(src, true)));
        } catch (e) {
          issues.push(pathIssue(rule, `sources[${i}]`, src, e));
        }
      });
    } else if (rule.expr !== undefined) {
      try {
        const expr = compileExpr(rule.expr);
        const virtual: Segment[] = Array.from({ length: targetWild }, () => ({ kind: 'wild' }) as const);
        readers.push(makeReader(exprs.length, '$expr', virtual));
        exprs.push({ rule: index, expr });
      } catch (e) {
        const position = e instanceof ExprSyntaxError ? e.position : 0;
        issues.push({
          code: 'mapping_bad_expr',
          ruleId: rule.id,
          field: 'expr',
          path: rule.expr,
          position,
          message: `rule "${rule.id}": expression: ${e instanceof Error ? e.message : String(e)} (position ${position})`,
        });
      }
    }
    const chain = compileChain(rule.transforms, rule.id, issues);
    const multi = rule.sources !== undefined;
    const deepest = readers.reduce((m, r) => Math.max(m, r.wild), 0);
    const gather = !multi && deepest > targetWild;
    if (deepest > targetWild && (multi || !chain.hasAggregate)) {
      issues.push({
        code: 'mapping_needs_aggregate',
        ruleId: rule.id,
        field: multi ? 'sources' : 'source',
        message: multi
          ? `rule "${rule.id}": a source has more [*] than the target "${rule.target}"; sources must line up with the target`
          : `rule "${rule.id}": "${readers[0]?.path}" gives many values per "${rule.target}"; add join, sum, count or first`,
      });
    }
    if (issues.length > before) return;
    planned.push({
      index,
      rule,
      target,
      targetWild,
      readers,
      multi,
      gather,
      chain: chain.fn,
      constant: rule.constant !== undefined ? fresh(rule.constant) : null,
      fallback: rule.default !== undefined ? fresh(rule.default) : null,
    });
  });
  const root = buildTargetTree(planned, issues);
  return { rules: planned, root, exprs, issues };
}
