// What the journal keeps of a large step: lists longer than the limit become a count and a few
// samples, very long text becomes its length and its start. A live backfill's page of 1,000
// orders (and the Map Fields input that repeats it) would otherwise be stored, redacted, hashed
// and sent to every event subscriber whole, at every page. Test syncs keep everything.

export const SUMMARY_MARK = '$summary';
const SAMPLE_ITEMS = 3;
const MAX_TEXT = 64 * 1024;
const MAX_DEPTH = 6;

export interface Summarized {
  readonly value: unknown;
  readonly summarized: boolean;
}

/** Copy-on-write: returns `value` itself when nothing in it is large. */
export function summarizeLarge(value: unknown, maxItems: number): Summarized {
  let changed = false;
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      if (v.length <= MAX_TEXT) return v;
      changed = true;
      return { [SUMMARY_MARK]: 'text', length: v.length, start: v.slice(0, 1000) };
    }
    if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return v;
    if (Array.isArray(v)) {
      if (v.length > maxItems) {
        changed = true;
        return { [SUMMARY_MARK]: 'list', count: v.length, sample: v.slice(0, SAMPLE_ITEMS).map((x) => walk(x, depth + 1)) };
      }
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const w = walk(v[i], depth + 1);
        if (w !== v[i]) (out ??= v.slice())[i] = w;
      }
      return out ?? v;
    }
    let out: Record<string, unknown> | null = null;
    for (const [k, inner] of Object.entries(v)) {
      const w = walk(inner, depth + 1);
      if (w !== inner) (out ??= { ...(v as Record<string, unknown>) })[k] = w;
    }
    return out ?? v;
  };
  const result = walk(value, 0);
  return { value: result, summarized: changed };
}
