import { secretForms } from './secret-forms';

// Removes secret values from anything about to be logged, journaled or shown: every occurrence of
// a known secret in any form a server may echo it back in (see secret-forms.ts), and the values
// of keys that name credentials.

export const redactedMarker = '[redacted]';

const secretKeyPattern = /(secret|password|passwd|authorization|api[-_]?key|access[-_]?token|refresh[-_]?token|private[-_]?key)/i;

/** The redactor is handed the same list until a connection changes: its forms are worked out once. */
const formsByList = new WeakMap<readonly string[], string[]>();

function variants(secrets: readonly string[]): string[] {
  const cached = formsByList.get(secrets);
  if (cached) return cached;
  const out = new Set<string>();
  for (const s of secrets) {
    // Very short values would redact ordinary words; real credentials are long.
    if (typeof s !== 'string' || s.length < 6) continue;
    for (const form of secretForms(s)) out.add(form);
  }
  // Longest first, so a form that contains another is replaced whole.
  const list = [...out].sort((a, b) => b.length - a.length);
  formsByList.set(secrets, list);
  return list;
}

/**
 * Redacts a value (a deep copy without secrets). `foundIn(text)` says whether any form of a
 * secret occurs in a JSON text, so a writer of many payloads (the step journal) scans its batch
 * once and copies only the values that hold one.
 */
export type Redactor = ((value: unknown) => unknown) & { readonly foundIn: (json: string) => boolean };

/** Each form as it appears inside a JSON string literal too (a `"` or `\\` in it is escaped there). */
const jsonFormsByList = new WeakMap<readonly string[], string[]>();

function jsonForms(secrets: readonly string[]): string[] {
  let forms = jsonFormsByList.get(secrets);
  if (!forms) {
    const out = new Set<string>();
    for (const v of variants(secrets)) out.add(v).add(JSON.stringify(v).slice(1, -1));
    jsonFormsByList.set(secrets, (forms = [...out]));
  }
  return forms;
}

/** A redactor of the given secrets (by value, not by key name), or null when there are none. */
export function secretsRedactor(secrets: readonly string[], opts: { byKeyName?: boolean } = {}): Redactor | null {
  if (variants(secrets).length === 0) return null;
  const forms = jsonForms(secrets);
  return Object.assign((value: unknown) => redactSecrets(value, secrets, opts), {
    foundIn: (json: string) => forms.some((f) => json.includes(f)),
  });
}

export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const v of variants(secrets)) if (out.includes(v)) out = out.split(v).join(redactedMarker);
  return out;
}

/**
 * A deep copy of `value` with secrets replaced. Keys such as `tokenSecret` or `Authorization`
 * are redacted whatever their value; strings anywhere are scrubbed of the given secrets.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[], opts: { byKeyName?: boolean } = {}): T {
  const list = variants(secrets);
  const byKey = opts.byKeyName ?? true;
  // A Map, not a WeakMap: one call's table dies with the call, and a WeakMap's ephemeron
  // bookkeeping made large payloads superlinear (89 → 633 µs per order from 5k to 80k orders).
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const s of list) if (out.includes(s)) out = out.split(s).join(redactedMarker);
      return out;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      seen.set(v, arr);
      for (const item of v) arr.push(walk(item));
      return arr;
    }
    if (v instanceof Error) {
      const err = { name: v.name, message: walk(v.message), ...(walk({ ...v }) as object) };
      seen.set(v, err);
      return err;
    }
    const obj: Record<string, unknown> = {};
    seen.set(v, obj);
    for (const [k, inner] of Object.entries(v)) {
      obj[k] = byKey && secretKeyPattern.test(k) && inner !== null && inner !== undefined && inner !== '' ? redactedMarker : walk(inner);
    }
    return obj;
  };
  return walk(value) as T;
}
