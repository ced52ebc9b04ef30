// Sample data for the mapping preview: parsing what the user pasted, listing its field paths for
// the source cells' autocomplete, and the target list the suggestions rank sources for.

import { formatSegment } from '../../../engine/shared/path';
import { parsePasted } from '../json/pasted';

export type SampleParse = { readonly ok: true; readonly value: unknown; readonly count: number } | { readonly ok: false; readonly error: string | null };

export function parseSample(text: string): SampleParse {
  if (text.trim() === '') return { ok: false, error: null };
  const r = parsePasted(text, 'The sample');
  return r.ok ? { ok: true, value: r.value, count: Array.isArray(r.value) ? r.value.length : 1 } : { ok: false, error: r.message };
}

// Keys are written by the engine's own path formatter, so every offered path parses (a key such
// as `$id` is offered as `["$id"]`, which the engine accepts).
function key(prefix: string, k: string): string {
  return prefix + formatSegment({ kind: 'key', key: k }, prefix === '');
}

/**
 * Leaf paths of one record in the mapping path syntax (`item.items[*].rate`), in first-seen
 * order; arrays contribute `[*]` so one path covers every element. Bounded for huge samples.
 */
export function samplePaths(record: unknown, limit = 2000): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (out.size >= limit || depth > 12) return;
    if (Array.isArray(v)) {
      for (const item of v.slice(0, 50)) walk(item, `${prefix}[*]`, depth + 1);
      if (v.length === 0 && prefix) out.add(prefix);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'links') continue; // NetSuite's hypermedia links are never mapped
        walk(child, key(prefix, k), depth + 1);
      }
    } else if (prefix) out.add(prefix);
  };
  walk(record, '', 0);
  return [...out];
}

/** The first record of a sample (a list or one record). */
export function firstRecord(sample: unknown): unknown {
  return Array.isArray(sample) ? sample[0] : sample;
}

export interface TargetField {
  readonly path: string;
  readonly label?: string;
  readonly required?: boolean;
  readonly type?: 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'object' | 'array' | 'any';
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'date', 'object', 'array', 'any']);

function isType(v: unknown): v is TargetField['type'] {
  return typeof v === 'string' && TYPES.has(v);
}

/**
 * Target fields from the targets box: a JSON list (paths or `{ path, label, required, type }`),
 * or one path per line with an optional `*` for required and `: label`.
 */
export function parseTargets(text: string): TargetField[] {
  const t = text.trim();
  if (t === '') return [];
  if (t.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(t);
      if (Array.isArray(list)) {
        return list.flatMap((e): TargetField[] => {
          if (typeof e === 'string' && e.trim()) return [{ path: e.trim() }];
          if (typeof e === 'object' && e !== null && 'path' in e && typeof e.path === 'string' && e.path.trim()) {
            const r = e as Record<string, unknown>;
            return [{
              path: String(r.path).trim(),
              ...(typeof r.label === 'string' ? { label: r.label } : {}),
              ...(typeof r.required === 'boolean' ? { required: r.required } : {}),
              ...(isType(r.type) ? { type: r.type } : {}),
            }];
          }
          return [];
        });
      }
    } catch {
      // fall through to lines
    }
  }
  return t.split('\n').flatMap((line): TargetField[] => {
    const m = /^\s*([^:*]+?)\s*(\*)?\s*(?::\s*(.*))?$/.exec(line);
    if (!m?.[1]) return [];
    return [{ path: m[1], ...(m[2] ? { required: true } : {}), ...(m[3] ? { label: m[3].trim() } : {}) }];
  });
}
