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

/** One summarizing pass: its limit, and whether anything was shortened. */
interface Pass {
  readonly maxItems: number;
  changed: boolean;
}

// A module-level walk, not a closure per call: it runs twice for every journaled step.
function shrink(v: unknown, depth: number, pass: Pass): unknown {
  if (typeof v === 'string') {
    if (v.length <= MAX_TEXT) return v;
    pass.changed = true;
    return { [SUMMARY_MARK]: 'text', length: v.length, start: v.slice(0, 1000) };
  }
  if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return v;
  if (Array.isArray(v)) {
    if (v.length > pass.maxItems) {
      pass.changed = true;
      return { [SUMMARY_MARK]: 'list', count: v.length, sample: v.slice(0, SAMPLE_ITEMS).map((x) => shrink(x, depth + 1, pass)) };
    }
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const w = shrink(v[i], depth + 1, pass);
      if (w !== v[i]) (out ??= v.slice())[i] = w;
    }
    return out ?? v;
  }
  const obj = v as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  // for-in, not Object.keys: no array per object (these are plain JSON-like values).
  for (const k in obj) {
    const inner = obj[k];
    const w = shrink(inner, depth + 1, pass);
    if (w !== inner) (out ??= { ...obj })[k] = w;
  }
  return out ?? v;
}

/** Summarizes the values of one step (its input and output), remembering whether any was shortened. */
export class Summarizer implements Pass {
  changed = false;
  constructor(readonly maxItems: number) {}

  /** Copy-on-write: returns `value` itself when nothing in it is large. */
  of(value: unknown): unknown {
    return shrink(value, 0, this);
  }
}

export function summarizeLarge(value: unknown, maxItems: number): Summarized {
  const s = new Summarizer(maxItems);
  const result = s.of(value);
  return { value: result, summarized: s.changed };
}
