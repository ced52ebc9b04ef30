import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import type { Tables } from './tables';

/**
 * A query the run loop repeats per batch or per item, built with Kysely once per dialect and then
 * bound to each call's arguments: building Kysely's query tree costs far more than running the
 * statement (bumping a run's step count per journal batch was a twentieth of a tight loop's time).
 * `build` receives a marker in place of each argument; each must end up as one parameter.
 */
export class PreparedQuery<A extends Record<string, unknown>> {
  /** SQL text and the argument behind each parameter, by dialect (its adapter's class). */
  private readonly compiled = new WeakMap<object, { sql: string; slots: (keyof A & string)[] }>();

  constructor(private readonly names: readonly (keyof A & string)[], private readonly build: (db: Kysely<Tables>, args: A) => Compilable) {}

  bind(db: Kysely<Tables>, args: A): CompiledQuery {
    const dialect = db.getExecutor().adapter.constructor;
    let known = this.compiled.get(dialect);
    if (!known) this.compiled.set(dialect, (known = this.compile(db)));
    return CompiledQuery.raw(known.sql, known.slots.map((name) => args[name]));
  }

  private compile(db: Kysely<Tables>): { sql: string; slots: (keyof A & string)[] } {
    const marker = (name: string): string => `\u0000arg:${name}`;
    const query = this.build(db, Object.fromEntries(this.names.map((n) => [n, marker(n)])) as A).compile();
    const slots = query.parameters.map((value) => {
      const name = this.names.find((n) => marker(n) === value);
      if (name === undefined) throw new PatchbayError('internal', `A prepared query has a parameter that is none of its arguments (${this.names.join(', ')}): ${query.sql}`);
      return name;
    });
    return { sql: query.sql, slots };
  }
}
