import { jsonTooDeep } from '../errors/patchbay-error';
import { jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonWithin } from '../shared/json-depth';

// The one depth-limited parse for JSON that enters the engine (see engine/shared/json-depth.ts
// for why): each entry point names what it parsed, so the json_too_deep message says which input.

export { jsonDepthExceeds, MAX_JSON_DEPTH };

/** Throws `json_too_deep` naming `what` when the value is nested beyond the limit. */
export function assertJsonDepth(value: unknown, what: string, limit: number = MAX_JSON_DEPTH): void {
  if (jsonDepthExceeds(value, limit)) throw jsonTooDeep(what, limit);
}

/** JSON.parse with the depth limit: a SyntaxError as JSON.parse throws it, or `json_too_deep`. */
export function parseJson(text: string, what: string, limit: number = MAX_JSON_DEPTH): unknown {
  return parseJsonWithin(text, () => jsonTooDeep(what, limit), limit);
}
