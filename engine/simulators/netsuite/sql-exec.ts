import type { SimAccount } from './model';
import { condHasAggregate, hasAggregate, type Expr, type Query } from './sql-ast';
import { compileCond, compileExpr, rowLeaf, Scope, type Fn, type JRow, type Leaf } from './sql-compile';
import { SqlError } from './sql-errors';
import { joinedRows } from './sql-join';
import type { Val } from './sql-tables';
import { compare, display, joinKey, toNumber } from './sql-values';

// Executes a parsed query over the account's data: join and filter (sql-join.ts), then group
// and aggregate, sort, OFFSET/FETCH FIRST/TOP, and print. SuiteQL's output conventions apply:
// string values, lowercase keys, nulls omitted, dates in the account's display format unless
// TO_CHAR says otherwise.

export type OutputRow = Record<string, unknown>;

type Group = readonly JRow[];

function aggregate(fn: string, values: Val[], distinct: boolean): Val {
  let vs = values.filter((v) => v !== null);
  if (distinct) {
    const seen = new Set<string>();
    vs = vs.filter((v) => {
      const k = joinKey(v) ?? '';
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  if (fn === 'count') return vs.length;
  if (vs.length === 0) return null;
  if (fn === 'min' || fn === 'max') {
    return vs.reduce((best, v) => {
      const n = compare(v, best) ?? 0;
      return (fn === 'min' ? n < 0 : n > 0) ? v : best;
    });
  }
  const sum = vs.reduce<number>((s, v) => s + (toNumber(v) ?? 0), 0);
  return fn === 'sum' ? sum : sum / vs.length;
}

/** Leaves over a group: aggregates fold the group; a plain column must be one the query groups by. */
function groupLeaf(scope: Scope, groupBy: readonly Expr[]): Leaf<Group> {
  const row = rowLeaf(scope, 'an aggregate argument');
  // Group keys by what they read, so `t.entity` and `entity` are the same key.
  const norm = (e: Expr): string => {
    if (e.kind === 'col') {
      const { source, column } = scope.resolve(e.name);
      return `${source.index}.${column}`;
    }
    if (e.kind === 'df') return `df(${norm(e.arg)})`;
    return JSON.stringify(e).toLowerCase();
  };
  const keys = new Set(groupBy.map(norm));
  return (e) => {
    if (e.kind === 'agg') {
      const arg = e.arg ? compileExpr(e.arg, row) : null;
      return (g) => aggregate(e.fn, arg ? g.map(arg) : g.map(() => 1), e.distinct);
    }
    // BUILTIN.DF of a grouped column is fixed within the group too.
    const ok = keys.has(norm(e)) || (e.kind === 'df' && keys.has(norm(e.arg)));
    if (!ok) throw new SqlError(`not a GROUP BY expression: ${e.kind === 'col' ? e.name : 'BUILTIN.DF(…)'} must be in GROUP BY or inside an aggregate`);
    const f = row(e);
    return (g) => (g[0] ? f(g[0]) : null);
  };
}

function columnsFor(q: Query, scope: Scope): Array<{ name: string; expr: Expr }> {
  const out: Array<{ name: string; expr: Expr }> = [];
  for (const item of q.select) {
    if (item.kind === 'expr') {
      out.push({ name: item.name, expr: item.expr });
      continue;
    }
    const sources = item.source === null ? scope.sources : [scope.source(item.source)];
    for (const s of sources) {
      for (const col of s.table.columnNames(scope.account)) {
        if (!out.some((o) => o.name === col)) out.push({ name: col, expr: { kind: 'col', name: `${s.alias}.${col}` } });
      }
    }
  }
  return out;
}

/** ORDER BY may name a select alias or a 1-based position, as in Oracle. */
function orderExpr(e: Expr, columns: ReadonlyArray<{ name: string; expr: Expr }>, scope: Scope): Expr {
  if (e.kind === 'lit' && typeof e.value === 'number') {
    const c = columns[e.value - 1];
    if (!c) throw new SqlError(`ORDER BY position ${e.value} is not in the select list`);
    return c.expr;
  }
  if (e.kind === 'col' && !e.name.includes('.')) {
    const alias = columns.find((c) => c.name === e.name.toLowerCase());
    const isColumn = scope.sources.some((s) => s.table.column(scope.account, e.name.toLowerCase()));
    if (alias && !isColumn) return alias.expr;
  }
  return e;
}

export function executeQuery(q: Query, account: SimAccount): OutputRow[] {
  const scope = new Scope(q.sources, account);
  const columns = columnsFor(q, scope);
  const order = q.orderBy.map((o) => ({ expr: orderExpr(o.expr, columns, scope), desc: o.desc }));
  const grouped = q.groupBy.length > 0 || columns.some((c) => hasAggregate(c.expr)) || (q.having !== null && condHasAggregate(q.having)) || order.some((o) => hasAggregate(o.expr));
  const joined = joinedRows(q, scope);
  const rows = q.rownum === null ? joined : joined.slice(0, q.rownum);

  let contexts: unknown[];
  let select: Array<{ name: string; get: Fn<unknown> }>;
  let sortKeys: Array<Fn<unknown>>;
  if (grouped) {
    const row = rowLeaf(scope, 'GROUP BY');
    const keyFns = q.groupBy.map((e) => compileExpr(e, row));
    const groups = new Map<string, JRow[]>();
    for (const r of rows) {
      const k = JSON.stringify(keyFns.map((f) => joinKey(f(r))));
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    // Without GROUP BY, aggregates see one group: all rows (COUNT(*) of nothing is 0).
    let list: Group[] = q.groupBy.length === 0 ? [rows] : [...groups.values()];
    const leaf = groupLeaf(scope, q.groupBy);
    if (q.having) {
      const having = compileCond(q.having, leaf);
      list = list.filter(having);
    }
    contexts = list;
    select = columns.map((c) => ({ name: c.name, get: compileExpr(c.expr, leaf) as Fn<unknown> }));
    sortKeys = order.map((o) => compileExpr(o.expr, leaf) as Fn<unknown>);
  } else {
    if (q.having) throw new SqlError('HAVING needs GROUP BY or an aggregate');
    const leaf = rowLeaf(scope, 'the select list without GROUP BY');
    contexts = rows;
    select = columns.map((c) => ({ name: c.name, get: compileExpr(c.expr, leaf) as Fn<unknown> }));
    sortKeys = order.map((o) => compileExpr(o.expr, leaf) as Fn<unknown>);
  }

  if (q.distinct) {
    // One context per distinct output row (what the row prints as), in first-seen order.
    const seen = new Set<string>();
    contexts = contexts.filter((ctx) => {
      const k = JSON.stringify(select.map((s) => display(s.get(ctx))));
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  let keyed = contexts.map((ctx) => ({ ctx, keys: sortKeys.map((k) => k(ctx)) }));
  if (order.length > 0) {
    keyed.sort((a, b) => {
      for (let i = 0; i < order.length; i++) {
        const x = a.keys[i] ?? null;
        const y = b.keys[i] ?? null;
        // Oracle sorts NULLs last ascending.
        const n = x === null ? (y === null ? 0 : 1) : y === null ? -1 : (compare(x, y) ?? 0);
        if (n !== 0) return order[i]?.desc ? -n : n;
      }
      return 0;
    });
  }
  keyed = keyed.slice(q.offset, q.limit === null ? undefined : q.offset + q.limit);
  return keyed.map(({ ctx }) => {
    const out: OutputRow = { links: [] };
    for (const s of select) {
      const text = display(s.get(ctx));
      if (text !== null) out[s.name] = text;
    }
    return out;
  });
}
