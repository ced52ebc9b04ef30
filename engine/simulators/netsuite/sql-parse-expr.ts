import type { AggFn, Cond, Expr } from './sql-ast';
import { SqlError } from './sql-errors';
import type { Tok } from './sql-lex';

// Expressions and conditions: columns, literals, `?` parameters, TO_CHAR, TO_DATE/TO_TIMESTAMP,
// BUILTIN.DF, UPPER, NVL/COALESCE, arithmetic, aggregates (COUNT/SUM/MIN/MAX/AVG, DISTINCT);
// conditions with AND/OR/NOT, comparisons, IN, BETWEEN, LIKE, IS [NOT] NULL.

export const reserved = new Set([
  'SELECT', 'FROM', 'WHERE', 'ORDER', 'BY', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'AS', 'ASC', 'DESC', 'BETWEEN', 'JOIN', 'LEFT', 'RIGHT', 'FULL', 'OUTER',
  'INNER', 'CROSS', 'GROUP', 'HAVING', 'UNION', 'ON', 'LIKE', 'TOP', 'FETCH', 'FIRST', 'NEXT', 'ROWS', 'ROW', 'ONLY', 'OFFSET', 'DISTINCT', 'MINUS', 'INTERSECT', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
]);

const aggregates: Record<string, AggFn> = { COUNT: 'count', SUM: 'sum', MIN: 'min', MAX: 'max', AVG: 'avg' };

/** `TO_TIMESTAMP('2025-03-01 00:00:00','YYYY-MM-DD HH24:MI:SS')` and `TO_DATE(…)` → UTC ms. */
function parseTimestamp(text: string, format: string): number {
  const f = format.toUpperCase();
  const known: Record<string, RegExp> = {
    'YYYY-MM-DD HH24:MI:SS': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
    'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
    'YYYY-MM-DD"T"HH24:MI:SS': /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/,
    'MM/DD/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
  };
  const m = known[f]?.exec(text);
  if (!m) throw new SqlError(`cannot parse "${text}" with format "${format}"`);
  const n = m.slice(1).map(Number);
  if (f === 'MM/DD/YYYY') return Date.UTC(n[2] ?? 0, (n[0] ?? 1) - 1, n[1] ?? 1);
  return Date.UTC(n[0] ?? 0, (n[1] ?? 1) - 1, n[2] ?? 1, n[3] ?? 0, n[4] ?? 0, n[5] ?? 0);
}

export class Cursor {
  pos = 0;
  private paramIndex = 0;
  constructor(
    readonly toks: readonly Tok[],
    private readonly params: readonly unknown[],
  ) {}

  peek(offset = 0): Tok | undefined {
    return this.toks[this.pos + offset];
  }
  isKw(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'id' && t.v.toUpperCase() === word;
  }
  kw(word: string): boolean {
    if (!this.isKw(word)) return false;
    this.pos++;
    return true;
  }
  expectKw(word: string): void {
    if (!this.kw(word)) throw new SqlError(`expected ${word} near "${this.peek()?.v ?? 'end of query'}"`);
  }
  isP(p: string): boolean {
    const t = this.peek();
    return t?.t === 'p' && t.v === p;
  }
  expectP(p: string): void {
    const t = this.toks[this.pos++];
    if (t?.t !== 'p' || t.v !== p) throw new SqlError(`expected "${p}" near "${t?.v ?? 'end of query'}"`);
  }
  str(): string {
    const t = this.toks[this.pos++];
    if (t?.t !== 'str') throw new SqlError('expected a string literal');
    return t.v;
  }
  int(what: string): number {
    const t = this.toks[this.pos++];
    if (t?.t !== 'num' || !/^\d+$/.test(t.v)) throw new SqlError(`expected a whole number after ${what}`);
    return Number(t.v);
  }
  /** An identifier that is not a keyword (a table alias or column alias), or null. */
  name(): string | null {
    const t = this.peek();
    if (t?.t === 'id' && !reserved.has(t.v.toUpperCase()) && !t.v.includes('.')) {
      this.pos++;
      return t.v.toLowerCase();
    }
    return null;
  }

  expr(): Expr {
    let left = this.term();
    while (this.peek()?.t === 'ar' && (this.peek()?.v === '+' || this.peek()?.v === '-')) {
      const op = this.toks[this.pos++]?.v as '+' | '-';
      left = { kind: 'arith', op, left, right: this.term() };
    }
    return left;
  }

  private term(): Expr {
    let left = this.primary();
    for (;;) {
      const t = this.peek();
      const op = t?.t === 'p' && t.v === '*' ? '*' : t?.t === 'ar' && t.v === '/' ? '/' : null;
      if (!op) return left;
      this.pos++;
      left = { kind: 'arith', op, left, right: this.primary() };
    }
  }

  private args(): Expr[] {
    const out = [this.expr()];
    while (this.isP(',')) {
      this.pos++;
      out.push(this.expr());
    }
    this.expectP(')');
    return out;
  }

  private primary(): Expr {
    const t = this.toks[this.pos++];
    if (!t) throw new SqlError('unexpected end of query');
    if (t.t === 'num') return { kind: 'lit', value: Number(t.v) };
    if (t.t === 'str') return { kind: 'lit', value: t.v };
    if (t.t === 'q') {
      if (this.paramIndex >= this.params.length) throw new SqlError('not enough values in "params" for the ? placeholders');
      const v = this.params[this.paramIndex++];
      return { kind: 'lit', value: typeof v === 'number' ? v : v === null ? null : String(v) };
    }
    if (t.t === 'p' && t.v === '(') {
      const inner = this.expr();
      this.expectP(')');
      return inner;
    }
    if (t.t !== 'id') throw new SqlError(`unexpected "${t.v}"`);
    const upper = t.v.toUpperCase();
    if (this.isP('(')) {
      this.pos++;
      const agg = aggregates[upper];
      if (agg) {
        if (agg === 'count' && this.isP('*')) {
          this.pos++;
          this.expectP(')');
          return { kind: 'agg', fn: 'count', arg: null, distinct: false };
        }
        const distinct = this.kw('DISTINCT');
        if (!distinct) this.kw('ALL');
        const arg = this.expr();
        this.expectP(')');
        return { kind: 'agg', fn: agg, arg, distinct };
      }
      if (upper === 'TO_CHAR') {
        const arg = this.expr();
        let format = 'MM/DD/YYYY';
        if (this.isP(',')) {
          this.pos++;
          format = this.str();
        }
        this.expectP(')');
        return { kind: 'tochar', arg, format };
      }
      if (upper === 'TO_TIMESTAMP' || upper === 'TO_DATE') {
        const text = this.str();
        this.expectP(',');
        const format = this.str();
        this.expectP(')');
        return { kind: 'ts', ms: parseTimestamp(text, format) };
      }
      if (upper === 'BUILTIN.DF' || upper === 'UPPER') {
        const arg = this.expr();
        this.expectP(')');
        return upper === 'UPPER' ? { kind: 'upper', arg } : { kind: 'df', arg };
      }
      if (upper === 'NVL' || upper === 'COALESCE') return { kind: 'nvl', args: this.args() };
      throw new SqlError(`the function ${t.v} is not supported by the simulator`);
    }
    if (upper === 'CASE') return this.caseExpr();
    if (upper === 'NULL') return { kind: 'lit', value: null };
    if (reserved.has(upper)) throw new SqlError(`unexpected keyword ${t.v}`);
    if (t.v.endsWith('.*')) throw new SqlError(`${t.v} is only allowed in the SELECT list`);
    return { kind: 'col', name: t.v };
  }

  /** After CASE: `WHEN cond THEN x … [ELSE y] END`, or `subject WHEN value THEN x … END`. */
  private caseExpr(): Expr {
    const subject = this.isKw('WHEN') ? null : this.expr();
    const whens: Array<{ when: Cond; then: Expr }> = [];
    while (this.kw('WHEN')) {
      const when: Cond = subject ? { kind: 'cmp', op: '=', left: subject, right: this.expr() } : this.orCond();
      this.expectKw('THEN');
      whens.push({ when, then: this.expr() });
    }
    if (whens.length === 0) throw new SqlError('CASE needs at least one WHEN … THEN');
    const otherwise = this.kw('ELSE') ? this.expr() : null;
    this.expectKw('END');
    return { kind: 'case', whens, otherwise };
  }

  private predicate(): Cond {
    if (this.isP('(')) {
      // A parenthesis opens either a nested condition or an arithmetic expression; try the condition.
      const start = this.pos;
      const params = this.paramIndex;
      this.pos++;
      try {
        const inner = this.orCond();
        this.expectP(')');
        return inner;
      } catch {
        // Not a condition: rewind, `?` placeholders included, and read it as an expression.
        this.pos = start;
        this.paramIndex = params;
      }
    }
    if (this.kw('NOT')) return { kind: 'not', part: this.predicate() };
    const left = this.expr();
    if (this.kw('IS')) {
      const negate = this.kw('NOT');
      this.expectKw('NULL');
      return { kind: 'null', left, negate };
    }
    const negate = this.kw('NOT');
    if (this.kw('IN')) {
      this.expectP('(');
      return { kind: 'in', left, values: this.args(), negate };
    }
    if (this.kw('LIKE')) return { kind: 'like', left, pattern: this.expr(), negate };
    if (this.kw('BETWEEN')) {
      const low = this.expr();
      this.expectKw('AND');
      const c: Cond = { kind: 'between', left, low, high: this.expr() };
      return negate ? { kind: 'not', part: c } : c;
    }
    if (negate) throw new SqlError('NOT must be followed by IN, LIKE or BETWEEN here');
    const op = this.toks[this.pos++];
    if (op?.t !== 'op') throw new SqlError(`expected a comparison near "${op?.v ?? 'end of query'}"`);
    return { kind: 'cmp', op: op.v as '=' | '!=' | '<' | '<=' | '>' | '>=', left, right: this.expr() };
  }

  private andCond(): Cond {
    const parts = [this.predicate()];
    while (this.kw('AND')) parts.push(this.predicate());
    return parts.length === 1 ? (parts[0] as Cond) : { kind: 'and', parts };
  }

  orCond(): Cond {
    const parts = [this.andCond()];
    while (this.kw('OR')) parts.push(this.andCond());
    return parts.length === 1 ? (parts[0] as Cond) : { kind: 'or', parts };
  }
}
