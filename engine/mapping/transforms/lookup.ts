import { TransformFailure } from '../errors';
import { ArgError, boolArg, defineTransform, isMissing, maxArgs, show } from './registry';

function keyOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export const lookup = defineTransform({
  name: 'lookup',
  kind: 'value',
  signature: 'lookup({"from": "to"}, default?, ignoreCase?)',
  summary: 'Replaces a value by its entry in a table; values not in the table take the default, or are an error without one.',
  output: 'any',
  create(args) {
    maxArgs(args, 3, 'lookup');
    const table = args[0];
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      throw new ArgError('lookup needs a table such as {"High": "P1", "Low": "P3"}');
    }
    const ignoreCase = boolArg(args, 2, 'lookup ignoreCase', false);
    // A Map, not the object: a value such as "constructor" must not find Object.prototype.
    const entries = new Map<string, unknown>();
    for (const [k, v] of Object.entries(table)) {
      const key = ignoreCase ? k.trim().toLowerCase() : k.trim();
      if (entries.has(key)) throw new ArgError(`lookup table lists ${show(k)} twice${ignoreCase ? ' (ignoring case)' : ''}`);
      entries.set(key, v);
    }
    const hasDefault = args.length >= 2;
    const fallback = args[1];
    return (v) => {
      if (isMissing(v)) return v;
      const raw = keyOf(v);
      const key = raw !== null && ignoreCase ? raw.toLowerCase() : raw;
      if (key !== null && entries.has(key)) return entries.get(key);
      if (hasDefault) return fallback;
      throw new TransformFailure('mapping_lookup_miss', `${show(v)} is not in the lookup table and there is no default`);
    };
  },
});
