import type { Cond, Expr, Query, SelectItem, Source } from './sql-ast';
import { SqlError } from './sql-errors';
import { lex } from './sql-lex';
import { Cursor, reserved } from './sql-parse-expr';

// SuiteQL statements as customers write them: SELECT [DISTINCT] [TOP n] (* | t.* | expressions [AS alias])
// FROM a table, then comma joins or [INNER | LEFT [OUTER]] JOIN … ON; WHERE; GROUP BY; HAVING;
// ORDER BY (expressions, select aliases or positions); OFFSET n ROWS; FETCH FIRST|NEXT n ROWS ONLY;
// WHERE … ROWNUM <= n.
// Anything else is refused with an error naming what is unsupported.

export { SqlError };
export type { Cond, Expr, Query, SelectItem } from './sql-ast';

function selectList(c: Cursor): SelectItem[] {
  const select: SelectItem[] = [];
  let exprCount = 0;
  do {
    if (select.length > 0) c.pos++;
    const t = c.peek();
    if (t?.t === 'p' && t.v === '*') {
      c.pos++;
      select.push({ kind: 'star', source: null });
      continue;
    }
    if (t?.t === 'id' && t.v.endsWith('.*')) {
      c.pos++;
      select.push({ kind: 'star', source: t.v.slice(0, -2).toLowerCase() });
      continue;
    }
    const e = c.expr();
    let name: string | null;
    if (c.kw('AS')) {
      const n = c.peek();
      if (n?.t !== 'id') throw new SqlError('expected a column alias after AS');
      c.pos++;
      name = n.v.toLowerCase();
    } else name = c.name();
    // SuiteQL names unaliased expressions expr1, expr2, … (columns keep their own name).
    name ??= e.kind === 'col' ? (e.name.split('.').pop() ?? e.name).toLowerCase() : `expr${++exprCount}`;
    select.push({ kind: 'expr', expr: e, name });
  } while (c.isP(','));
  return select;
}

function source(c: Cursor, join: Source['join']): Source {
  const t = c.peek();
  if (t?.t !== 'id' || reserved.has(t.v.toUpperCase())) throw new SqlError(`expected a table name near "${t?.v ?? 'end of query'}"`);
  c.pos++;
  const table = t.v.toLowerCase();
  c.kw('AS');
  const alias = c.name() ?? table;
  let on = null;
  if (join === 'inner' || join === 'left') {
    c.expectKw('ON');
    on = c.orCond();
  }
  return { table, alias, join, on };
}

function fromClause(c: Cursor): Source[] {
  const sources = [source(c, 'from')];
  for (;;) {
    if (c.isP(',')) {
      c.pos++;
      sources.push(source(c, 'comma'));
      continue;
    }
    if (c.kw('JOIN')) {
      sources.push(source(c, 'inner'));
      continue;
    }
    if (c.isKw('INNER') && c.isKw('JOIN', 1)) {
      c.pos += 2;
      sources.push(source(c, 'inner'));
      continue;
    }
    if (c.isKw('LEFT')) {
      c.pos++;
      c.kw('OUTER');
      c.expectKw('JOIN');
      sources.push(source(c, 'left'));
      continue;
    }
    for (const word of ['RIGHT', 'FULL', 'CROSS']) {
      if (c.isKw(word)) throw new SqlError(`${word} JOIN is not supported by the simulator; use JOIN or LEFT JOIN`);
    }
    const aliases = new Set<string>();
    for (const s of sources) {
      if (aliases.has(s.alias)) throw new SqlError(`the table alias "${s.alias}" is used twice; give each table its own alias`);
      aliases.add(s.alias);
    }
    return sources;
  }
}

/** Takes `ROWNUM <= n` / `ROWNUM < n` out of WHERE's top-level AND as a row limit. */
function splitRownum(where: Cond | null): { where: Cond | null; rownum: number | null } {
  if (!where) return { where, rownum: null };
  const parts = where.kind === 'and' ? where.parts : [where];
  let rownum: number | null = null;
  const rest = parts.filter((p) => {
    if (p.kind !== 'cmp' || p.left.kind !== 'col' || p.left.name.toUpperCase() !== 'ROWNUM') return true;
    if (p.right.kind !== 'lit' || typeof p.right.value !== 'number' || (p.op !== '<=' && p.op !== '<')) throw new SqlError('ROWNUM is supported as ROWNUM <= n or ROWNUM < n');
    const n = p.op === '<' ? p.right.value - 1 : p.right.value;
    rownum = rownum === null ? n : Math.min(rownum, n);
    return false;
  });
  return { where: rest.length === 0 ? null : rest.length === 1 ? (rest[0] as Cond) : { kind: 'and', parts: rest }, rownum: rownum === null ? null : Math.max(0, rownum) };
}

function exprList(c: Cursor): Expr[] {
  const out = [c.expr()];
  while (c.isP(',')) {
    c.pos++;
    out.push(c.expr());
  }
  return out;
}

export function parseSql(sql: string, params: readonly unknown[] = []): Query {
  const c = new Cursor(lex(sql), params);
  c.expectKw('SELECT');
  const distinct = c.kw('DISTINCT');
  if (!distinct) c.kw('ALL');
  let limit: number | null = null;
  if (c.kw('TOP')) limit = c.int('TOP');
  const select = selectList(c);
  c.expectKw('FROM');
  const sources = fromClause(c);
  const { where, rownum } = splitRownum(c.kw('WHERE') ? c.orCond() : null);
  let groupBy: Expr[] = [];
  if (c.kw('GROUP')) {
    c.expectKw('BY');
    groupBy = exprList(c);
  }
  const having = c.kw('HAVING') ? c.orCond() : null;
  const orderBy: Array<{ expr: Expr; desc: boolean }> = [];
  if (c.kw('ORDER')) {
    c.expectKw('BY');
    do {
      if (orderBy.length > 0) c.pos++;
      const e = c.expr();
      const desc = c.kw('DESC');
      if (!desc) c.kw('ASC');
      orderBy.push({ expr: e, desc });
    } while (c.isP(','));
  }
  let offset = 0;
  if (c.kw('OFFSET')) {
    offset = c.int('OFFSET');
    if (!c.kw('ROWS')) c.expectKw('ROW');
  }
  if (c.kw('FETCH')) {
    if (!c.kw('FIRST')) c.expectKw('NEXT');
    const n = c.int('FETCH FIRST');
    if (!c.kw('ROWS')) c.expectKw('ROW');
    c.expectKw('ONLY');
    limit = limit === null ? n : Math.min(limit, n);
  }
  for (const word of ['UNION', 'MINUS', 'INTERSECT']) {
    if (c.isKw(word)) throw new SqlError(`${word} is not supported by the simulator`);
  }
  if (c.pos < c.toks.length) throw new SqlError(`unsupported syntax near "${c.peek()?.v}"`);
  return { sources, select, distinct, where, groupBy, having, orderBy, limit, offset, rownum };
}
