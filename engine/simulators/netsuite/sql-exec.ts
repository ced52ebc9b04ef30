import { SqlError, type Cond, type Expr, type Query } from './sql-parse';
import { dateFormatter, isDate, tables, type Table, type Val } from './sql-tables';
import type { SimAccount } from './model';

// Executes a parsed query over the account's data. SuiteQL's output conventions apply: string
// values, lowercase keys, nulls omitted, dates in the account's display format unless TO_CHAR
// says otherwise.

/** Without TO_CHAR, dates come back in the account's display format (here M/D/YYYY). */
function display(v: Val): string | null {
  if (v === null) return null;
  if (isDate(v)) {
    const t = new Date(v.ms);
    return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()}`;
  }
  return String(v);
}

function toComparable(v: Val, other: Val): number | string | null {
  if (v === null) return null;
  if (isDate(v)) return v.ms;
  if (isDate(other) && typeof v === 'string') {
    const iso = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}Z`) : Number.NaN;
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    const ms = us ? Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])) : iso;
    if (Number.isNaN(ms)) throw new SqlError(`cannot compare a date with "${v}"`);
    return ms;
  }
  if (typeof other === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return v;
}

function compare(a: Val, b: Val): number | null {
  const x = toComparable(a, b);
  const y = toComparable(b, a);
  if (x === null || y === null) return null;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const xs = String(x);
  const ys = String(y);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}

type Compiled<R> = (r: R) => Val;

function compileExpr<R>(e: Expr, q: Query, table: Table<R>, account: SimAccount): Compiled<R> {
  const columnName = (name: string): string => {
    const parts = name.toLowerCase().split('.');
    if (parts.length === 2) {
      if (parts[0] !== q.alias && parts[0] !== q.table) throw new SqlError(`unknown table alias "${parts[0]}"`);
      return parts[1] as string;
    }
    if (parts.length > 2) throw new SqlError(`unsupported column reference "${name}"`);
    return parts[0] as string;
  };
  switch (e.kind) {
    case 'lit':
      return () => e.value;
    case 'ts':
      return () => ({ ms: e.ms, dateOnly: false });
    case 'col': {
      const col = table.column(account, columnName(e.name));
      if (!col) throw new SqlError(`Field '${columnName(e.name)}' for record '${q.table}' was not found.`);
      return col;
    }
    case 'df': {
      if (e.arg.kind !== 'col') throw new SqlError('BUILTIN.DF takes a column');
      const name = columnName(e.arg.name);
      const col = table.column(account, name);
      if (!col) throw new SqlError(`Field '${name}' for record '${q.table}' was not found.`);
      const disp = table.display(account, name);
      return disp ?? ((r) => display(col(r)));
    }
    case 'tochar': {
      const arg = compileExpr(e.arg, q, table, account);
      const format = dateFormatter(e.format);
      return (r) => {
        const v = arg(r);
        return v === null ? null : isDate(v) ? format(v) : String(v);
      };
    }
    case 'upper': {
      const arg = compileExpr(e.arg, q, table, account);
      return (r) => {
        const v = arg(r);
        return v === null ? null : (display(v) ?? '').toUpperCase();
      };
    }
  }
}

function compileCond<R>(c: Cond, q: Query, table: Table<R>, account: SimAccount): (r: R) => boolean {
  const ex = (e: Expr): Compiled<R> => compileExpr(e, q, table, account);
  switch (c.kind) {
    case 'and': {
      const parts = c.parts.map((p) => compileCond(p, q, table, account));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = c.parts.map((p) => compileCond(p, q, table, account));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const part = compileCond(c.part, q, table, account);
      return (r) => !part(r);
    }
    case 'null': {
      const left = ex(c.left);
      return (r) => (left(r) === null) !== c.negate;
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
        for (const v of c.values) if (v.kind === 'lit' && v.value !== null) set.add(typeof v.value === 'number' ? v.value : v.value);
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

/** `transaction IN (…)` / `transaction = n` at the top level lets line queries skip other orders. */
function transactionHint(q: Query): number[] | null {
  if (q.table !== 'transactionline' || !q.where) return null;
  const parts = q.where.kind === 'and' ? q.where.parts : [q.where];
  for (const p of parts) {
    const col = (e: Expr): boolean => e.kind === 'col' && e.name.toLowerCase().split('.').pop() === 'transaction';
    if (p.kind === 'in' && !p.negate && col(p.left) && p.values.every((v) => v.kind === 'lit')) {
      return p.values.map((v) => Number(v.kind === 'lit' ? v.value : NaN)).sort((a, b) => a - b);
    }
    if (p.kind === 'cmp' && p.op === '=' && col(p.left) && p.right.kind === 'lit') return [Number(p.right.value)];
  }
  return null;
}

export type OutputRow = Record<string, unknown>;

export function executeQuery(q: Query, account: SimAccount): OutputRow[] {
  const table = tables[q.table];
  if (!table) throw new SqlError(`Record '${q.table}' was not found (the simulator knows transaction and transactionline).`);
  const where = q.where ? compileCond(q.where, q, table, account) : () => true;
  const select = q.select.map((s) => ({ name: s.name, get: compileExpr(s.expr, q, table, account) }));
  const order = q.orderBy.map((o) => ({ get: compileExpr(o.expr, q, table, account), desc: o.desc }));
  const matched: Array<{ row: unknown; keys: Val[] }> = [];
  for (const row of table.rows(account, transactionHint(q))) {
    if (where(row)) matched.push({ row, keys: order.map((o) => o.get(row)) });
  }
  if (order.length > 0) {
    matched.sort((a, b) => {
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
  return matched.map(({ row }) => {
    const out: OutputRow = { links: [] };
    for (const s of select) {
      const v = display(s.get(row));
      if (v !== null) out[s.name] = v;
    }
    return out;
  });
}
