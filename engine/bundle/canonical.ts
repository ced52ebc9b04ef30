import { PatchbayError } from '../errors/patchbay-error';
import { jsonDepthExceeds } from '../shared/json-depth';

// The one serialisation every bundle entry uses, so that exporting the same content twice gives the
// same bytes and a folder of entries diffs well in git: keys sorted by code unit at every level,
// 2-space indent, LF line ends, one final newline, UTF-8 without a byte order mark. Importing
// checks that each file is already in this form: a hand-edited file is refused, not half-trusted.

/** Deeper than any workflow Patchbay writes; keeps hostile nesting from exhausting the stack. */
export const MAX_JSON_DEPTH = 64;

const BOM = [0xef, 0xbb, 0xbf] as const;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

// Nesting depth, measured without recursion: the engine's one depth check (engine/shared/json-depth.ts),
// here with the bundle's own, stricter limit.
export { jsonDepthExceeds };

const fileError = (entry: string, problem: string): PatchbayError =>
  new PatchbayError('bundle_not_canonical', `"${entry}" ${problem}`, { entry });

/**
 * Parses one entry and insists it is canonical. Each refusal names the file and says what to do;
 * the message never echoes file content (which could hold invisible characters or secrets).
 */
export function parseCanonical(entry: string, bytes: Uint8Array): unknown {
  if (bytes.length === 0) throw fileError(entry, 'is empty; export the bundle again or restore the file from git.');
  if (BOM.every((b, i) => bytes[i] === b)) {
    throw fileError(entry, 'starts with a byte order mark (BOM); save it as UTF-8 without BOM, or export the bundle again.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(entry, 'is not UTF-8 text; export the bundle again.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw fileError(entry, `is not valid JSON (${(e as Error).message}); fix it or export the bundle again.`);
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
    throw new PatchbayError('bundle_invalid', `"${entry}" nests deeper than ${MAX_JSON_DEPTH} levels; Patchbay never writes such files.`, { entry, maxDepth: MAX_JSON_DEPTH });
  }
  if (canonicalJson(value) !== text) {
    throw fileError(entry, 'is not in canonical form (keys sorted, 2-space indent, final newline); run `patchbay bundle pack DIR --rehash` to rewrite edited files, or export again.');
  }
  return value;
}
