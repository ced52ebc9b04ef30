// A minimal source-map v3 reader: just enough to turn a position in esbuild's output back into
// the user's line and column. (A full library would be a dependency for forty lines of work.)

/** Segments per generated line: [generatedColumn, sourceLine, sourceColumn], all 0-based. */
export type LineMappings = ReadonlyArray<ReadonlyArray<readonly [number, number, number]>>;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map<string, number>([...BASE64].map((c, i) => [c, i]));

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) return values;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

export function decodeMappings(mappings: string): LineMappings {
  const lines: Array<Array<readonly [number, number, number]>> = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Array<readonly [number, number, number]> = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const v = decodeVlq(segmentText);
      generatedColumn += v[0] ?? 0;
      if (v.length < 4) continue; // a segment without a source position
      sourceLine += v[2] ?? 0;
      sourceColumn += v[3] ?? 0;
      segments.push([generatedColumn, sourceLine, sourceColumn]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * Maps a 0-based generated position to the 0-based source position of the nearest segment at or
 * before it on the same line (or the line's first segment), or null when the line has none.
 * esbuild emits one segment per token, and V8 reports frames at token starts, so this is exact
 * for the positions a stack trace names.
 */
export function originalPosition(map: LineMappings, line: number, column: number): { line: number; column: number } | null {
  const segments = map[line];
  if (!segments || segments.length === 0) return null;
  let best = segments[0];
  for (const seg of segments) {
    if (seg[0] > column) break;
    best = seg;
  }
  return best ? { line: best[1], column: best[2] } : null;
}
