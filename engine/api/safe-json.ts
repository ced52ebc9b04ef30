import { PatchbayError } from './errors';

/**
 * JSON from outside (request bodies, CLI files and flags, bundles, sample records, spreadsheet
 * cells, remote answers) is parsed here. JSON.parse itself copes with any nesting, but much of
 * what runs next does not: JSON.stringify, zod, the mapping compiler, diff and merge recurse, and
 * data nested a few thousand levels deep ends them with "Maximum call stack size exceeded" deep
 * inside the engine. Refusing it at the door gives the user a code and a reason instead.
 *
 * Real documents are far shallower (a workflow is about 8 levels, a NetSuite record with
 * sublists about 6); 256 leaves room for any data a person works with.
 */
export const MAX_JSON_DEPTH = 256;

export function jsonTooDeep(what: string, maxDepth: number = MAX_JSON_DEPTH): PatchbayError {
  return new PatchbayError(
    'json_too_deep',
    `${what} is nested more than ${maxDepth} levels deep, which is more than Patchbay accepts; flatten the data (for example, move inner lists up a level).`,
    { maxDepth },
  );
}

/**
 * Deepest nesting of objects and arrays in `value`, counted without recursion; stops as soon as
 * it passes `limit`, so an attacker's million-level value costs no more than `limit` steps down.
 */
export function jsonDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: Array<readonly [unknown, number]> = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, depth] = next;
    if (depth > limit) return true;
    const children: readonly unknown[] = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** Throws `json_too_deep` naming `what` when the value is nested beyond the limit. */
export function assertJsonDepth(value: unknown, what: string, limit: number = MAX_JSON_DEPTH): void {
  if (jsonDepthExceeds(value, limit)) throw jsonTooDeep(what, limit);
}

/**
 * JSON.parse with the depth limit. A syntax error is thrown as JSON.parse throws it (a
 * SyntaxError), so each caller keeps its own message for bad JSON; too deep is `json_too_deep`.
 */
export function parseJson(text: string, what: string, limit: number = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  assertJsonDepth(value, what, limit);
  return value;
}
