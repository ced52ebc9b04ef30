import type { z } from 'zod';

/** A contract entry: the zod schemas are the single source of both validation and types. */
export interface MethodSpec<A extends z.ZodType, R extends z.ZodType> {
  readonly args: A;
  readonly result: R;
}

export function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R): MethodSpec<A, R> {
  return { args, result };
}
