// A transform is named, takes JSON arguments checked once at compile time, and returns a plain
// function applied per value. Missing values (undefined/null) pass through unless a transform says
// otherwise (default, constant), so a missing field is never an error by itself.

export type TransformKind =
  /** value → value */
  | 'value'
  /** a list (from [*] levels beyond the target's, or an array value) → one value */
  | 'aggregate';

export type ValueType = 'any' | 'string' | 'number' | 'boolean' | 'list';

export type TransformFn = (value: unknown) => unknown;

export interface TransformDef {
  readonly name: string;
  readonly kind: TransformKind;
  /** Shown in the inspector's transform picker, e.g. `date(from?, to?)`. */
  readonly signature: string;
  readonly summary: string;
  readonly output: ValueType;
  /** Checks the arguments (throw ArgError) and returns the per-value function. */
  create(args: readonly unknown[]): TransformFn;
}

export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgError';
  }
}

export function isMissing(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

export function maxArgs(args: readonly unknown[], n: number, name: string): void {
  if (args.length > n) throw new ArgError(`${name} takes at most ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
}

export function stringArg(args: readonly unknown[], i: number, what: string, fallback?: string): string {
  const v = args[i];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') throw new ArgError(`${what} must be text, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return v;
}

export function intArg(args: readonly unknown[], i: number, what: string, fallback?: number): number {
  const v = args[i];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ArgError(`${what} must be a whole number, got ${JSON.stringify(v)}`);
  return v;
}

export function boolArg(args: readonly unknown[], i: number, what: string, fallback: boolean): boolean {
  const v = args[i];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new ArgError(`${what} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

export function defineTransform(def: TransformDef): TransformDef {
  return def;
}

/** Text for error messages: short, and never the whole of a large value. */
export function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
