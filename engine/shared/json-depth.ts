/**
 * JSON from outside (request bodies, CLI files and flags, bundles, sample records, spreadsheet
 * cells, remote answers) is parsed with a depth limit. JSON.parse itself copes with any nesting,
 * but much of what runs next does not: JSON.stringify, zod, the mapping compiler, diff and merge
 * recurse, and data nested a few thousand levels deep ends them with "Maximum call stack size
 * exceeded" deep inside the engine. Refusing it at the door gives the user a code and a reason.
 *
 * Real documents are far shallower (a workflow is about 8 levels, a NetSuite record with
 * sublists about 6); 256 leaves room for any data a person works with. Pure, so the renderer and
 * the transform-chain syntax use it too; engine/api/safe-json.ts adds the coded error.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Whether objects and arrays in `value` nest deeper than `limit`, found without recursion; stops
 * as soon as it passes the limit, so a million-level value costs no more than `limit` steps down.
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

/** What the user reads when `what` ("The sample", "The request body") nests beyond the limit. */
export function jsonTooDeepMessage(what: string, maxDepth: number = MAX_JSON_DEPTH): string {
  return `${what} is nested more than ${maxDepth} levels deep, which is more than Patchbay accepts; flatten the data (for example, move inner lists up a level).`;
}

/**
 * JSON.parse with the depth limit: too deep throws what `tooDeep` makes; a syntax error is thrown
 * as JSON.parse throws it (a SyntaxError), so each caller keeps its own message for bad JSON.
 */
export function parseJsonWithin(text: string, tooDeep: () => Error, limit: number = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  if (jsonDepthExceeds(value, limit)) throw tooDeep();
  return value;
}
