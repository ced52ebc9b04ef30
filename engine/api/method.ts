import type { z } from 'zod';
import type { Role } from '../shared/roles';

/**
 * A contract entry: the zod schemas are the single source of both validation and types, and
 * `access` is the least role a server's user or API key needs to call it (the bridge checks it).
 */
export interface MethodSpec<A extends z.ZodType, R extends z.ZodType> {
  readonly args: A;
  readonly result: R;
  readonly access: Role;
}

export function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, access: Role): MethodSpec<A, R> {
  return { args, result, access };
}
