import type { Cond, Expr, Query } from './sql-ast';
import { columnsOf, condColumns } from './sql-ast';
import { compileCond, compileExpr, rowLeaf, type JRow, type Scope } from './sql-compile';
import { joinKey } from './sql-values';

// FROM … JOIN … WHERE as a pipeline over the sources in order. Each WHERE conjunct runs as soon
// as every table it reads has joined (so a comma join filtered by `tl.transaction = t.id` never
// builds the cross product), and an equality between the new table and earlier ones becomes a
// hash join. LEFT JOIN keeps unmatched rows (null for the joined table) and applies its ON
// condition only to matching, as SQL does.

function conjuncts(c: Cond | null): Cond[] {
  if (!c) return [];
  return c.kind === 'and' ? c.parts.flatMap(conjuncts) : [c];
}

function lastSource(scope: Scope, c: Cond): number {
  return Math.max(0, ...condColumns(c).map((ref) => scope.resolve(ref).source.index));
}

function sourcesOf(scope: Scope, e: Expr): Set<number> {
  return new Set(columnsOf(e).map((ref) => scope.resolve(ref).source.index));
}

/** `new.col = earlier.col` (either way round) → key readers for both sides. */
function hashable(scope: Scope, conds: readonly Cond[], i: number): { build: Expr; probe: Expr; rest: Cond[] } | null {
  for (const c of conds) {
    if (c.kind !== 'cmp' || c.op !== '=') continue;
    const l = sourcesOf(scope, c.left);
    const r = sourcesOf(scope, c.right);
    const only = (s: Set<number>, pred: (n: number) => boolean): boolean => s.size > 0 && [...s].every(pred);
    if (only(l, (n) => n === i) && only(r, (n) => n < i)) return { build: c.left, probe: c.right, rest: conds.filter((x) => x !== c) };
    if (only(r, (n) => n === i) && only(l, (n) => n < i)) return { build: c.right, probe: c.left, rest: conds.filter((x) => x !== c) };
  }
  return null;
}

/** `transaction IN (…)` / `transaction = n` on a transactionline source lets it skip other orders. */
function transactionHint(scope: Scope, conds: readonly Cond[], i: number): number[] | null {
  if (scope.sources[i]?.name !== 'transactionline') return null;
  const isTxn = (e: Expr): boolean => e.kind === 'col' && scope.resolve(e.name).column === 'transaction' && scope.resolve(e.name).source.index === i;
  for (const p of conds) {
    if (p.kind === 'in' && !p.negate && isTxn(p.left) && p.values.every((v) => v.kind === 'lit')) {
      return p.values.map((v) => Number(v.kind === 'lit' ? v.value : NaN)).sort((a, b) => a - b);
    }
    if (p.kind === 'cmp' && p.op === '=' && isTxn(p.left) && p.right.kind === 'lit') return [Number(p.right.value)];
  }
  return null;
}

export function joinedRows(q: Query, scope: Scope): JRow[] {
  const leaf = rowLeaf(scope, 'WHERE or ON');
  const pending = conjuncts(q.where);
  const whereAt = (i: number): Cond[] => pending.filter((c) => lastSource(scope, c) === i);
  let rows: JRow[] = [[]];
  q.sources.forEach((src, i) => {
    const source = scope.sources[i];
    if (!source) return;
    const filters = whereAt(i);
    const left = src.join === 'left';
    // For inner and comma joins WHERE and ON are the same thing; a LEFT JOIN matches on ON alone.
    const match = left ? conjuncts(src.on) : [...conjuncts(src.on), ...filters];
    const after = left ? filters : [];
    const ownOnly = match.filter((c) => lastSource(scope, c) === i && condColumns(c).every((ref) => scope.resolve(ref).source.index === i));
    const candidates = [...source.table.rows(scope.account, transactionHint(scope, ownOnly, i))];
    const hash = i > 0 ? hashable(scope, match, i) : null;
    const checks = (hash ? hash.rest : match).map((c) => compileCond(c, leaf));
    let index: Map<string, unknown[]> | null = null;
    let probe: ((r: JRow) => string | null) | null = null;
    if (hash) {
      const build = compileExpr(hash.build, leaf);
      const p = compileExpr(hash.probe, leaf);
      probe = (r) => joinKey(p(r));
      index = new Map();
      for (const cand of candidates) {
        const probeRow: unknown[] = [];
        probeRow[i] = cand;
        const k = joinKey(build(probeRow));
        if (k === null) continue;
        const list = index.get(k);
        if (list) list.push(cand);
        else index.set(k, [cand]);
      }
    }
    const next: JRow[] = [];
    for (const row of rows) {
      let pool: readonly unknown[] = candidates;
      if (index && probe) {
        const k = probe(row);
        pool = k === null ? [] : (index.get(k) ?? []);
      }
      let matched = false;
      for (const cand of pool) {
        const joined = [...row, cand];
        if (checks.every((ok) => ok(joined))) {
          next.push(joined);
          matched = true;
        }
      }
      if (left && !matched) next.push([...row, null]);
    }
    const post = after.map((c) => compileCond(c, leaf));
    rows = post.length > 0 ? next.filter((r) => post.every((ok) => ok(r))) : next;
  });
  return rows;
}
