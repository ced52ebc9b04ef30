import { parsePath } from '../../../../engine/shared/path';

// The value a source path has on one sample record, for the source tree's value column. A `[*]`
// shows its elements' values as a list; this is display only, the engine computes rule values.

export function readSample(record: unknown, path: string): unknown {
  let segs;
  try {
    segs = parsePath(path, true);
  } catch {
    return undefined;
  }
  const walk = (v: unknown, i: number): unknown => {
    if (i >= segs.length) return v;
    const s = segs[i];
    if (!s || v === null || typeof v !== 'object') return undefined;
    if (s.kind === 'wild') return Array.isArray(v) ? v.slice(0, 20).map((e) => walk(e, i + 1)) : undefined;
    if (s.kind === 'index') return Array.isArray(v) ? walk(v[s.index], i + 1) : undefined;
    return Object.prototype.hasOwnProperty.call(v, s.key) ? walk((v as Record<string, unknown>)[s.key], i + 1) : undefined;
  };
  return walk(record, 0);
}

/** Short text for a value cell. */
export function valueText(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 48 ? `${s.slice(0, 47)}…` : s;
}
