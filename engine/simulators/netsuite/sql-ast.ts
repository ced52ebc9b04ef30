// The parsed form of the SuiteQL the simulator answers (see sql-parse.ts for the grammar).

export type AggFn = 'count' | 'sum' | 'min' | 'max' | 'avg';

export type Expr =
  | { kind: 'col'; name: string }
  | { kind: 'lit'; value: string | number | null }
  | { kind: 'ts'; ms: number }
  | { kind: 'tochar'; arg: Expr; format: string }
  | { kind: 'df'; arg: Expr }
  | { kind: 'upper'; arg: Expr }
  | { kind: 'nvl'; args: Expr[] }
  | { kind: 'arith'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  /** `arg` null is COUNT(*). */
  | { kind: 'agg'; fn: AggFn; arg: Expr | null; distinct: boolean }
  /** Searched CASE (WHEN conditions); a simple `CASE x WHEN v` is parsed into x = v conditions. */
  | { kind: 'case'; whens: Array<{ when: Cond; then: Expr }>; otherwise: Expr | null };

export type Cond =
  | { kind: 'and' | 'or'; parts: Cond[] }
  | { kind: 'not'; part: Cond }
  | { kind: 'cmp'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'in'; left: Expr; values: Expr[]; negate: boolean }
  | { kind: 'between'; left: Expr; low: Expr; high: Expr }
  | { kind: 'like'; left: Expr; pattern: Expr; negate: boolean }
  | { kind: 'null'; left: Expr; negate: boolean };

export type SelectItem =
  | { readonly kind: 'expr'; readonly expr: Expr; readonly name: string }
  /** `*` (source null) or `alias.*`. */
  | { readonly kind: 'star'; readonly source: string | null };

/** One table in FROM: the first, a comma join, or an ANSI join with its ON condition. */
export interface Source {
  readonly table: string;
  readonly alias: string;
  readonly join: 'from' | 'comma' | 'inner' | 'left';
  readonly on: Cond | null;
}

export interface Query {
  readonly sources: readonly Source[];
  readonly select: readonly SelectItem[];
  readonly distinct: boolean;
  readonly where: Cond | null;
  readonly groupBy: readonly Expr[];
  readonly having: Cond | null;
  readonly orderBy: ReadonlyArray<{ expr: Expr; desc: boolean }>;
  /** TOP n or FETCH FIRST n ROWS ONLY; null for all rows. */
  readonly limit: number | null;
  /** OFFSET n ROWS. */
  readonly offset: number;
  /** `WHERE ROWNUM <= n`: Oracle numbers rows after WHERE and before ORDER BY, so it cuts first. */
  readonly rownum: number | null;
}

export function hasAggregate(e: Expr): boolean {
  switch (e.kind) {
    case 'agg':
      return true;
    case 'tochar':
    case 'df':
    case 'upper':
      return hasAggregate(e.arg);
    case 'nvl':
      return e.args.some(hasAggregate);
    case 'arith':
      return hasAggregate(e.left) || hasAggregate(e.right);
    case 'case':
      return e.whens.some((w) => condHasAggregate(w.when) || hasAggregate(w.then)) || (e.otherwise !== null && hasAggregate(e.otherwise));
    default:
      return false;
  }
}

export function condHasAggregate(c: Cond): boolean {
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.parts.some(condHasAggregate);
    case 'not':
      return condHasAggregate(c.part);
    case 'cmp':
      return hasAggregate(c.left) || hasAggregate(c.right);
    case 'in':
      return hasAggregate(c.left) || c.values.some(hasAggregate);
    case 'between':
      return [c.left, c.low, c.high].some(hasAggregate);
    case 'like':
      return hasAggregate(c.left) || hasAggregate(c.pattern);
    case 'null':
      return hasAggregate(c.left);
  }
}

/** Column names an expression reads (qualified as written). */
export function columnsOf(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'col':
      out.push(e.name);
      break;
    case 'tochar':
    case 'df':
    case 'upper':
      columnsOf(e.arg, out);
      break;
    case 'nvl':
      for (const a of e.args) columnsOf(a, out);
      break;
    case 'arith':
      columnsOf(e.left, out);
      columnsOf(e.right, out);
      break;
    case 'agg':
      if (e.arg) columnsOf(e.arg, out);
      break;
    case 'case':
      for (const w of e.whens) {
        condColumns(w.when, out);
        columnsOf(w.then, out);
      }
      if (e.otherwise) columnsOf(e.otherwise, out);
      break;
    default:
      break;
  }
  return out;
}

export function condColumns(c: Cond, out: string[] = []): string[] {
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const p of c.parts) condColumns(p, out);
      break;
    case 'not':
      condColumns(c.part, out);
      break;
    case 'cmp':
      columnsOf(c.left, out);
      columnsOf(c.right, out);
      break;
    case 'in':
      columnsOf(c.left, out);
      for (const v of c.values) columnsOf(v, out);
      break;
    case 'between':
      for (const x of [c.left, c.low, c.high]) columnsOf(x, out);
      break;
    case 'like':
      columnsOf(c.left, out);
      columnsOf(c.pattern, out);
      break;
    case 'null':
      columnsOf(c.left, out);
      break;
  }
  return out;
}
