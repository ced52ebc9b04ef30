import jsonata from 'jsonata';
import { TransformFailure } from './errors';

// JSONata for what the rule table cannot say. Its evaluate() is async (v2), so a mapping with
// expressions evaluates them first, per record, and then runs the same synchronous compiled
// function as every other mapping. Guardrails keep one runaway expression from stalling a run.

export const EXPR_TIMEOUT_MS = 1000;
export const EXPR_MAX_DEPTH = 300;
export const EXPR_MAX_SEQUENCE = 1_000_000;

export interface CompiledExpr {
  evaluate(record: unknown): Promise<unknown>;
}

export class ExprSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

interface JsonataFailure {
  readonly message?: string;
  readonly position?: number;
  readonly code?: string;
}

function asFailure(e: unknown): JsonataFailure {
  return typeof e === 'object' && e !== null ? (e as JsonataFailure) : { message: String(e) };
}

/** Results of JSONata carry sequence flags; copy arrays so output is plain JSON-shaped data. */
function plain(v: unknown): unknown {
  return Array.isArray(v) ? Array.from(v, plain) : v;
}

export function compileExpr(text: string): CompiledExpr {
  let expr: jsonata.Expression;
  try {
    expr = jsonata(text, { timeout: EXPR_TIMEOUT_MS, stack: EXPR_MAX_DEPTH, sequence: EXPR_MAX_SEQUENCE });
  } catch (e) {
    const f = asFailure(e);
    throw new ExprSyntaxError(f.message ?? 'the expression does not parse', f.position ?? 0);
  }
  return {
    async evaluate(record) {
      try {
        return plain(await expr.evaluate(record));
      } catch (e) {
        const f = asFailure(e);
        const why = e instanceof RangeError ? 'the input is nested too deeply' : (f.message ?? 'evaluation failed');
        throw new TransformFailure('mapping_expr_failed', `JSONata: ${why}${f.code ? ` (${f.code})` : ''}`);
      }
    },
  };
}
