import { SqlError } from './sql-errors';
import { lex, type Tok } from './sql-lex';

// Parser for the SuiteQL subset the simulator answers: one table (transaction or transactionline)
// with an optional alias; SELECT of columns, TO_CHAR(), BUILTIN.DF(); WHERE with AND/OR/NOT,
// comparisons, IN, BETWEEN, IS [NOT] NULL, TO_TIMESTAMP/TO_DATE literals and `?` parameters;
// ORDER BY. Anything else is refused with an error naming what is unsupported.


export { SqlError };

export type Expr =
  | { kind: 'col'; name: string }
  | { kind: 'lit'; value: string | number | null }
  | { kind: 'ts'; ms: number }
  | { kind: 'tochar'; arg: Expr; format: string }
  | { kind: 'df'; arg: Expr }
  | { kind: 'upper'; arg: Expr };

export type Cond =
  | { kind: 'and' | 'or'; parts: Cond[] }
  | { kind: 'not'; part: Cond }
  | { kind: 'cmp'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'in'; left: Expr; values: Expr[]; negate: boolean }
  | { kind: 'between'; left: Expr; low: Expr; high: Expr }
  | { kind: 'null'; left: Expr; negate: boolean };

export interface SelectItem {
  readonly expr: Expr;
  readonly name: string;
}

export interface Query {
  readonly table: string;
  readonly alias: string | null;
  readonly select: readonly SelectItem[];
  readonly where: Cond | null;
  readonly orderBy: ReadonlyArray<{ expr: Expr; desc: boolean }>;
}

const reserved = new Set(['SELECT', 'FROM', 'WHERE', 'ORDER', 'BY', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'AS', 'ASC', 'DESC', 'BETWEEN', 'JOIN', 'LEFT', 'INNER', 'GROUP', 'HAVING', 'UNION', 'ON']);

/** `TO_TIMESTAMP('2025-03-01 00:00:00','YYYY-MM-DD HH24:MI:SS')` and `TO_DATE(…)` → UTC ms. */
function parseTimestamp(text: string, format: string): number {
  const f = format.toUpperCase();
  const known: Record<string, RegExp> = {
    'YYYY-MM-DD HH24:MI:SS': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
    'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
    'YYYY-MM-DD"T"HH24:MI:SS': /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/,
    'MM/DD/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
  };
  const re = known[f];
  const m = re?.exec(text);
  if (!m) throw new SqlError(`cannot parse "${text}" with format "${format}"`);
  const n = m.slice(1).map(Number);
  if (f === 'MM/DD/YYYY') return Date.UTC(n[2] ?? 0, (n[0] ?? 1) - 1, n[1] ?? 1);
  return Date.UTC(n[0] ?? 0, (n[1] ?? 1) - 1, n[2] ?? 1, n[3] ?? 0, n[4] ?? 0, n[5] ?? 0);
}

export function parseSql(sql: string, params: readonly unknown[] = []): Query {
  const toks = lex(sql);
  let pos = 0;
  let paramIndex = 0;
  const peek = (): Tok | undefined => toks[pos];
  const kw = (word: string): boolean => {
    const t = peek();
    if (t?.t === 'id' && t.v.toUpperCase() === word) {
      pos++;
      return true;
    }
    return false;
  };
  const expectKw = (word: string): void => {
    if (!kw(word)) throw new SqlError(`expected ${word} near "${peek()?.v ?? 'end of query'}"`);
  };
  const expectP = (p: string): void => {
    const t = toks[pos++];
    if (t?.t !== 'p' || t.v !== p) throw new SqlError(`expected "${p}" near "${t?.v ?? 'end of query'}"`);
  };
  const str = (): string => {
    const t = toks[pos++];
    if (t?.t !== 'str') throw new SqlError('expected a string literal');
    return t.v;
  };

  const expr = (): Expr => {
    const t = toks[pos++];
    if (!t) throw new SqlError('unexpected end of query');
    if (t.t === 'num') return { kind: 'lit', value: Number(t.v) };
    if (t.t === 'str') return { kind: 'lit', value: t.v };
    if (t.t === 'q') {
      if (paramIndex >= params.length) throw new SqlError('not enough values in "params" for the ? placeholders');
      const v = params[paramIndex++];
      return { kind: 'lit', value: typeof v === 'number' ? v : v === null ? null : String(v) };
    }
    if (t.t !== 'id') throw new SqlError(`unexpected "${t.v}"`);
    const upper = t.v.toUpperCase();
    if (peek()?.t === 'p' && peek()?.v === '(') {
      pos++;
      if (upper === 'TO_CHAR') {
        const arg = expr();
        let format = 'MM/DD/YYYY';
        if (peek()?.v === ',') {
          pos++;
          format = str();
        }
        expectP(')');
        return { kind: 'tochar', arg, format };
      }
      if (upper === 'TO_TIMESTAMP' || upper === 'TO_DATE') {
        const text = str();
        expectP(',');
        const format = str();
        expectP(')');
        return { kind: 'ts', ms: parseTimestamp(text, format) };
      }
      if (upper === 'BUILTIN.DF') {
        const arg = expr();
        expectP(')');
        return { kind: 'df', arg };
      }
      if (upper === 'UPPER') {
        const arg = expr();
        expectP(')');
        return { kind: 'upper', arg };
      }
      throw new SqlError(`the function ${t.v} is not supported by the simulator`);
    }
    if (upper === 'NULL') return { kind: 'lit', value: null };
    if (reserved.has(upper)) throw new SqlError(`unexpected keyword ${t.v}`);
    return { kind: 'col', name: t.v };
  };

  const predicate = (): Cond => {
    if (peek()?.t === 'p' && peek()?.v === '(') {
      pos++;
      const inner = orCond();
      expectP(')');
      return inner;
    }
    if (kw('NOT')) return { kind: 'not', part: predicate() };
    const left = expr();
    if (kw('IS')) {
      const negate = kw('NOT');
      expectKw('NULL');
      return { kind: 'null', left, negate };
    }
    const negate = kw('NOT');
    if (kw('IN')) {
      expectP('(');
      const values = [expr()];
      while (peek()?.v === ',') {
        pos++;
        values.push(expr());
      }
      expectP(')');
      return { kind: 'in', left, values, negate };
    }
    if (kw('BETWEEN')) {
      const low = expr();
      expectKw('AND');
      const high = expr();
      const c: Cond = { kind: 'between', left, low, high };
      return negate ? { kind: 'not', part: c } : c;
    }
    if (negate) throw new SqlError('NOT must be followed by IN or BETWEEN here');
    const op = toks[pos++];
    if (op?.t !== 'op') throw new SqlError(`expected a comparison near "${op?.v ?? 'end of query'}"`);
    return { kind: 'cmp', op: op.v as '=' | '!=' | '<' | '<=' | '>' | '>=', left, right: expr() };
  };
  const andCond = (): Cond => {
    const parts = [predicate()];
    while (kw('AND')) parts.push(predicate());
    return parts.length === 1 ? (parts[0] as Cond) : { kind: 'and', parts };
  };
  const orCond = (): Cond => {
    const parts = [andCond()];
    while (kw('OR')) parts.push(andCond());
    return parts.length === 1 ? (parts[0] as Cond) : { kind: 'or', parts };
  };

  expectKw('SELECT');
  if (kw('DISTINCT')) throw new SqlError('SELECT DISTINCT is not supported by the simulator');
  const select: SelectItem[] = [];
  let exprCount = 0;
  do {
    if (select.length > 0) pos++;
    if (peek()?.v === '*') throw new SqlError('SELECT * is not supported; name the columns');
    const e = expr();
    let name: string;
    if (kw('AS')) name = (toks[pos++]?.v ?? '').toLowerCase();
    else if (peek()?.t === 'id' && !reserved.has((peek()?.v ?? '').toUpperCase())) name = (toks[pos++]?.v ?? '').toLowerCase();
    else name = e.kind === 'col' ? (e.name.split('.').pop() ?? e.name).toLowerCase() : `expr${++exprCount}`;
    select.push({ expr: e, name });
  } while (peek()?.v === ',');
  expectKw('FROM');
  const tableTok = toks[pos++];
  if (tableTok?.t !== 'id') throw new SqlError('expected a table name after FROM');
  const table = tableTok.v.toLowerCase();
  let alias: string | null = null;
  kw('AS');
  const maybeAlias = peek();
  if (maybeAlias?.t === 'id' && !reserved.has(maybeAlias.v.toUpperCase())) {
    alias = maybeAlias.v.toLowerCase();
    pos++;
  }
  for (const word of ['JOIN', 'LEFT', 'INNER', 'GROUP', 'HAVING', 'UNION']) {
    if (peek()?.t === 'id' && peek()?.v.toUpperCase() === word) throw new SqlError(`${word} is not supported by the simulator`);
  }
  const where = kw('WHERE') ? orCond() : null;
  const orderBy: Array<{ expr: Expr; desc: boolean }> = [];
  if (kw('ORDER')) {
    expectKw('BY');
    do {
      if (orderBy.length > 0) pos++;
      const e = expr();
      const desc = kw('DESC');
      if (!desc) kw('ASC');
      orderBy.push({ expr: e, desc });
    } while (peek()?.v === ',');
  }
  if (pos < toks.length) throw new SqlError(`unsupported syntax near "${toks[pos]?.v}"`);
  return { table, alias, select, where, orderBy };
}
