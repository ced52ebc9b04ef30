import type { SimAccount } from './model';
import type { Cond, Expr, Source } from './sql-ast';
import { SqlError } from './sql-errors';
import { dateFormatter, isDate, tables, type Table, type Val } from './sql-tables';
import { compare, display, likeMatcher, toNumber } from './sql-values';

// Expressions and conditions compiled once per query into closures over a context: one joined
// row (an array with one table row per FROM source, null where a LEFT JOIN found nothing) or a
// group of such rows. Leaves (columns, BUILTIN.DF, aggregates) are supplied per mode; the rest is
// shared.

export type JRow = readonly unknown[];
export type Fn<C> = (ctx: C) => Val;

export interface ScopeSource {
  readonly index: number;
  readonly alias: string;
  readonly table: Table<unknown>;
  readonly name: string;
}

export class Scope {
  readonly sources: ScopeSource[];
  constructor(
    sources: readonly Source[],
    readonly account: SimAccount,
  ) {
    this.sources = sources.map((s, index) => {
      const table = tables[s.table];
      if (!table) throw new SqlError(`Record '${s.table}' was not found (the simulator knows transaction, transactionline, entity, vendor and item).`);
      return { index, alias: s.alias, table, name: s.table };
    });
  }

  source(alias: string): ScopeSource {
    const s = this.sources.find((x) => x.alias === alias) ?? this.sources.find((x) => x.name === alias);
    if (!s) throw new SqlError(`unknown table alias "${alias}"`);
    return s;
  }

  /** The source a column reference reads from and the bare column name. */
  resolve(ref: string): { source: ScopeSource; column: string } {
    const parts = ref.toLowerCase().split('.');
    if (parts.length > 2) throw new SqlError(`unsupported column reference "${ref}"`);
    if (parts.length === 2) {
      const source = this.source(parts[0] as string);
      const column = parts[1] as string;
      if (!source.table.column(this.account, column)) throw new SqlError(`Field '${column}' for record '${source.name}' was not found.`);
      return { source, column };
    }
    const column = parts[0] as string;
    const found = this.sources.filter((s) => s.table.column(this.account, column));
    if (found.length === 0) throw new SqlError(`Field '${column}' for record '${this.sources[0]?.name ?? ''}' was not found.`);
    if (found.length > 1) throw new SqlError(`column ambiguously defined: "${column}" exists in ${found.map((s) => s.alias).join(' and ')}; qualify it (e.g. ${found[0]?.alias}.${column})`);
    return { source: found[0] as ScopeSource, column };
  }

  /** Reads a column of a joined row. */
  column(ref: string): (row: JRow) => Val {
    const { source, column } = this.resolve(ref);
    const read = source.table.column(this.account, column) as (r: unknown) => Val;
    const i = source.index;
    return (row) => (row[i] === null || row[i] === undefined ? null : read(row[i]));
  }

  /** BUILTIN.DF: the display text of a reference column, or its value as text. */
  displayOf(ref: string): (row: JRow) => Val {
    const { source, column } = this.resolve(ref);
    const disp = source.table.display(this.account, column);
    const i = source.index;
    if (disp) return (row) => (row[i] === null || row[i] === undefined ? null : disp(row[i]));
    const col = this.column(ref);
    return (row) => display(col(row));
  }
}

export type Leaf<C> = (e: Extract<Expr, { kind: 'col' | 'df' | 'agg' }>) => Fn<C>;

export function compileExpr<C>(e: Expr, leaf: Leaf<C>): Fn<C> {
  switch (e.kind) {
    case 'lit':
      return () => e.value;
    case 'ts':
      return () => ({ ms: e.ms, dateOnly: false });
    case 'col':
    case 'df':
    case 'agg':
      return leaf(e);
    case 'tochar': {
      const arg = compileExpr(e.arg, leaf);
      const format = dateFormatter(e.format);
      return (c) => {
        const v = arg(c);
        return v === null ? null : isDate(v) ? format(v) : display(v);
      };
    }
    case 'upper': {
      const arg = compileExpr(e.arg, leaf);
      return (c) => {
        const v = arg(c);
        return v === null ? null : (display(v) ?? '').toUpperCase();
      };
    }
    case 'nvl': {
      const args = e.args.map((a) => compileExpr(a, leaf));
      return (c) => {
        for (const a of args) {
          const v = a(c);
          if (v !== null) return v;
        }
        return null;
      };
    }
    case 'case': {
      const whens = e.whens.map((w) => ({ when: compileCond(w.when, leaf), then: compileExpr(w.then, leaf) }));
      const otherwise = e.otherwise ? compileExpr(e.otherwise, leaf) : () => null;
      return (c) => {
        for (const w of whens) if (w.when(c)) return w.then(c);
        return otherwise(c);
      };
    }
    case 'arith': {
      const [l, r] = [compileExpr(e.left, leaf), compileExpr(e.right, leaf)];
      const op = e.op;
      return (c) => {
        const a = toNumber(l(c));
        const b = toNumber(r(c));
        if (a === null || b === null) return null;
        if (op === '/') return b === 0 ? null : a / b;
        return op === '+' ? a + b : op === '-' ? a - b : a * b;
      };
    }
  }
}

export function compileCond<C>(c: Cond, leaf: Leaf<C>): (ctx: C) => boolean {
  const ex = (e: Expr): Fn<C> => compileExpr(e, leaf);
  switch (c.kind) {
    case 'and': {
      const parts = c.parts.map((p) => compileCond(p, leaf));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = c.parts.map((p) => compileCond(p, leaf));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const part = compileCond(c.part, leaf);
      return (r) => !part(r);
    }
    case 'null': {
      const left = ex(c.left);
      return (r) => (left(r) === null) !== c.negate;
    }
    case 'like': {
      const [left, pattern] = [ex(c.left), ex(c.pattern)];
      return (r) => {
        const v = display(left(r));
        const p = display(pattern(r));
        return v !== null && p !== null && likeMatcher(p)(v) !== c.negate;
      };
    }
    case 'between': {
      const [left, low, high] = [ex(c.left), ex(c.low), ex(c.high)];
      return (r) => {
        const v = left(r);
        const a = compare(v, low(r));
        const b = compare(v, high(r));
        return a !== null && b !== null && a >= 0 && b <= 0;
      };
    }
    case 'in': {
      const left = ex(c.left);
      if (c.values.every((v) => v.kind === 'lit' && v.value !== null)) {
        // Literal lists (e.g. 1,000 transaction ids) become a set: one lookup per row, not 1,000 compares.
        const set = new Set<string | number>();
        for (const v of c.values) if (v.kind === 'lit' && v.value !== null) set.add(v.value);
        return (r) => {
          const v = left(r);
          if (v === null || isDate(v)) return false;
          const hit = set.has(v) || (typeof v === 'number' ? set.has(String(v)) : v.trim() !== '' && set.has(Number(v)));
          return hit !== c.negate;
        };
      }
      const values = c.values.map(ex);
      return (r) => {
        const v = left(r);
        const hit = values.some((val) => compare(v, val(r)) === 0);
        return v !== null && hit !== c.negate;
      };
    }
    case 'cmp': {
      const [left, right] = [ex(c.left), ex(c.right)];
      const ok: Record<typeof c.op, (n: number) => boolean> = {
        '=': (n) => n === 0,
        '!=': (n) => n !== 0,
        '<': (n) => n < 0,
        '<=': (n) => n <= 0,
        '>': (n) => n > 0,
        '>=': (n) => n >= 0,
      };
      return (r) => {
        const n = compare(left(r), right(r));
        return n !== null && ok[c.op](n);
      };
    }
  }
}

/** Leaves for one joined row; aggregates are refused here (WHERE, ON, GROUP BY). */
export function rowLeaf(scope: Scope, where: string): Leaf<JRow> {
  return (e) => {
    if (e.kind === 'col') return scope.column(e.name);
    if (e.kind === 'df') {
      if (e.arg.kind !== 'col') throw new SqlError('BUILTIN.DF takes a column');
      return scope.displayOf(e.arg.name);
    }
    throw new SqlError(`aggregate functions are not allowed in ${where}`);
  };
}
