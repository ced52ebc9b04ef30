import { jsonDepthExceeds, jsonTooDeepMessage, MAX_JSON_DEPTH } from '../../../engine/shared/json-depth';
import { MAX_REQUEST_BYTES } from '../../../engine/shared/request-size';

// JSON a user pastes or types into a box (sample records, run inputs, config values, conflict
// edits) is checked here before anything recursive touches it. JSON.parse copes with any nesting,
// but drawing the value, JSON.stringify and the engine's checks do not: a paste nested thousands
// of levels deep would end the page with "Maximum call stack size exceeded", and a 50 MB paste
// would freeze it in parsing and drawing a value the engine refuses anyway. The limits are the
// engine's own (engine/shared), so the box says no exactly when the engine would.

export type PastedJson =
  | { readonly ok: true; readonly value: unknown }
  /** `detail`: the parser's own words, for boxes that phrase bad JSON their way ("Not valid JSON yet"). */
  | { readonly ok: false; readonly code: 'invalid_json'; readonly message: string; readonly detail: string }
  | { readonly ok: false; readonly code: 'json_too_deep' | 'payload_too_large'; readonly message: string };

/** The message for text too large to send to the engine, or null. `what` names the box ("The sample"). */
export function pasteTooLarge(text: string, what: string): string | null {
  // A UTF-16 code unit is at least one byte of UTF-8, so this never refuses what would fit.
  if (text.length <= MAX_REQUEST_BYTES) return null;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `${what} is ${mb(text.length)} MB; Patchbay takes at most ${mb(MAX_REQUEST_BYTES)} MB at once. Paste fewer records, or only the fields you need.`;
}

/** Parses what the user pasted, or says plainly why it cannot be used. */
export function parsePasted(text: string, what: string): PastedJson {
  const large = pasteTooLarge(text, what);
  if (large) return { ok: false, code: 'payload_too_large', message: large };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, code: 'invalid_json', message: `${what} is not valid JSON: ${detail}`, detail };
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) return { ok: false, code: 'json_too_deep', message: jsonTooDeepMessage(what) };
  return { ok: true, value };
}

/**
 * For cells that take JSON or plain text (config values, mapping defaults): why text that is JSON
 * cannot be used, or null when it can, or is plain text.
 */
export function refusedJson(text: string, what: string): string | null {
  const r = parsePasted(text, what);
  return r.ok || r.code === 'invalid_json' ? null : r.message;
}
