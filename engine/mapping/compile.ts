import type { RecordError } from './errors';
import type { Segment } from '../shared/path';
import type { Plan, PlannedRule } from './plan';
import { checkCopyable, gatherValues, isInheritedName } from './read';
import { formatConcrete } from '../shared/path';
import type { ArrayNode, TargetNode } from './target-tree';
import { recordErrorFrom } from './interpret';

// Code generation: a mapping becomes one JavaScript function shaped like the one a person would
// write (object literals, one loop per target [*], no per-record path parsing). Safety rule: the
// only things from the rules that enter the source text are keys, as JSON string literals, and
// array indices, as validated integers. Transforms, constants, defaults and expressions stay in
// closures passed in as arrays and are referenced by number.

export type MapFn = (rec: object, ri: number, errs: RecordError[], X: readonly unknown[]) => Record<string, unknown>;

interface Scope {
  readonly level: number;
  readonly idx: readonly string[];
  readonly elems: ReadonlyMap<string, string>;
}

const lit = (key: string): string => JSON.stringify(key);

function step(seg: Segment, knownObject: boolean): string {
  if (seg.kind === 'index') return `t = Array.isArray(t) ? t[${String(seg.index)}] : undefined`;
  if (seg.kind === 'wild') return 't = undefined';
  if (isInheritedName(seg.key)) return `t = (t !== null && typeof t === 'object' && H.call(t, ${lit(seg.key)})) ? t[${lit(seg.key)}] : undefined`;
  if (knownObject) return `t = t[${lit(seg.key)}]`;
  return `t = (t !== null && typeof t === 'object') ? t[${lit(seg.key)}] : undefined`;
}

/** An expression reading `segs` from the variable `base`, using the scratch variable `t`. */
function readExpr(base: string, segs: readonly Segment[], baseIsObject: boolean): string {
  if (segs.length === 0) return base;
  return `(t = ${base}, ${segs.map((s, i) => step(s, i === 0 && baseIsObject)).join(', ')}, t)`;
}

class Generator {
  private counter = 0;
  readonly lines: string[] = [];
  private depth = 1;

  constructor(private readonly plan: Plan) {}

  name(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  emit(line: string): void {
    this.lines.push('  '.repeat(this.depth) + line);
  }

  node(node: TargetNode, scope: Scope, owner: number): string {
    switch (node.kind) {
      case 'leaf':
        return this.leaf(node.owner, scope);
      case 'object': {
        const entries: string[] = [];
        for (const [key, child] of node.children) {
          const expr = this.node(child, scope, owner);
          // A literal "__proto__": would set the prototype; the computed form makes a field.
          entries.push(`${key === '__proto__' ? `[${lit(key)}]` : lit(key)}: ${expr}`);
        }
        return `{ ${entries.join(', ')} }`;
      }
      case 'fixed': {
        const max = Math.max(...node.items.keys());
        const items: string[] = [];
        for (let i = 0; i <= max; i++) {
          const child = node.items.get(i);
          items.push(child ? this.node(child, scope, owner) : 'null');
        }
        return `[${items.join(', ')}]`;
      }
      default:
        return this.array(node, scope, owner);
    }
  }

  private array(node: ArrayNode, scope: Scope, owner: number): string {
    const k = node.level;
    const lists = new Map<string, string>();
    const elems = new Map(scope.elems);
    for (const d of node.drivers) {
      const x = this.plan.rules[d.rule]?.readers[d.reader];
      const key = x?.prefixKeys[k];
      if (!x || key === undefined || lists.has(key)) continue;
      const parent = scope.elems.get(x.prefixKeys[k - 1] ?? '') ?? 'undefined';
      const read = readExpr(parent, x.parts[k - 1] ?? [], parent === 'rec');
      const s = this.name('s');
      const wrap = x.root >= 0 ? '(t === undefined || t === null) ? A : [t]' : 'A';
      this.emit(`const ${s} = (t = ${read}, Array.isArray(t) ? t : ${wrap});`);
      lists.set(key, s);
    }
    const sizes = [...lists.values()];
    const n = this.name('n');
    const a = this.name('a');
    const i = `i${k}`;
    this.emit(`let ${n} = ${sizes[0] ?? 'A'}.length;`);
    for (const s of sizes.slice(1)) this.emit(`if (${s}.length > ${n}) ${n} = ${s}.length;`);
    this.emit(`const ${a} = [];`);
    this.emit(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
    this.depth += 1;
    for (const [key, s] of lists) {
      const e = this.name('e');
      this.emit(`const ${e} = ${s}[${i}];`);
      elems.set(key, e);
    }
    const child = node.element;
    const expr = child ? this.node(child, { level: k, idx: [...scope.idx, i], elems }, owner) : 'undefined';
    this.emit(`${a}.push(${expr});`);
    this.depth -= 1;
    this.emit('}');
    return a;
  }

  private leaf(j: number, scope: Scope): string {
    const pr = this.plan.rules[j] as PlannedRule;
    const T = pr.targetWild;
    const readerExpr = (r: number): string => {
      const x = pr.readers[r];
      if (!x) return 'undefined';
      const aligned = Math.min(x.wild, T);
      const base = scope.elems.get(x.prefixKeys[aligned] ?? '') ?? 'undefined';
      if (x.wild > T) return `G[${j}](${base})`;
      return readExpr(base, x.parts[aligned] ?? [], base === 'rec');
    };
    let value: string;
    if (pr.constant) value = `K[${j}]()`;
    else if (pr.multi) value = `[${pr.readers.map((_x, r) => readerExpr(r)).join(', ')}]`;
    else value = readerExpr(0);
    const v = this.name('v');
    const idx = `[${scope.idx.join(', ')}]`;
    this.emit(`let ${v} = ${value};`);
    const fallback = pr.fallback ? `if (${v} === undefined || ${v} === null || ${v} === '') ${v} = D[${j}]();` : '';
    if (pr.chain) this.emit(`try { ${v} = T[${j}](${v}); ${fallback} } catch (err) { ${v} = E(errs, err, ${j}, ri, ${idx}); }`);
    else if (fallback) this.emit(fallback);
    this.emit(`if (${v} !== null && typeof ${v} === 'object') ${v} = S(errs, ${v}, ${j}, ri, ${idx});`);
    return v;
  }
}

export function generateSource(plan: Plan): string {
  const gen = new Generator(plan);
  const elems = new Map<string, string>([['rec', 'rec']]);
  plan.exprs.forEach((_x, k) => elems.set(`x${k}`, `X[${k}]`));
  const result = gen.node(plan.root, { level: 0, idx: [], elems }, -1);
  return ['"use strict";', 'return function mapRecord(rec, ri, errs, X) {', '  let t;', ...gen.lines, `  return ${result};`, '};'].join('\n');
}

export function buildMapFn(plan: Plan, source: string): MapFn {
  const T = plan.rules.map((pr) => pr.chain);
  const D = plan.rules.map((pr) => pr.fallback);
  const K = plan.rules.map((pr) => pr.constant);
  const G = plan.rules.map((pr) => {
    const x = pr.readers[0];
    return pr.gather && x ? (base: unknown) => gatherValues(base, x.parts, pr.targetWild) : null;
  });
  const E = (errs: RecordError[], e: unknown, j: number, ri: number, idx: readonly number[]): null => {
    errs.push(recordErrorFrom(e, plan.rules[j] as PlannedRule, ri, idx));
    return null;
  };
  const S = (errs: RecordError[], v: object, j: number, ri: number, idx: readonly number[]): object | null => {
    const bad = checkCopyable(v);
    if (!bad) return v;
    const pr = plan.rules[j] as PlannedRule;
    errs.push({ recordIndex: ri, ruleId: pr.rule.id, target: formatConcrete(pr.target, idx), ...bad });
    return null;
  };
  const A: readonly unknown[] = Object.freeze([]);
  const H = Object.prototype.hasOwnProperty;
  // The source is built only from JSON string literals, integers and fixed code (see above).
  const factory = new Function('T', 'D', 'K', 'G', 'S', 'E', 'A', 'H', source) as (...deps: unknown[]) => MapFn;
  return factory(T, D, K, G, S, E, A, H);
}
