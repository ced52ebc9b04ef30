// Mapping paths: `a.b`, `lines[0]`, `lines[*].sku`, `["Full Name"]`, `$` (the whole record).
// Parsed once at compile time; errors carry the 0-based position so the inspector can point at it.

export type Segment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wild' };

export const MAX_SEGMENTS = 64;

export class PathSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'PathSyntaxError';
  }
}

const BARE_KEY = /[^.[\]"'\s*]+/y;
const INDEX = /\[\s*([0-9]+)\s*\]/y;
const WILD = /\[\s*\*\s*\]/y;
const QUOTED = /\[\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\]/y;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function unquote(quoted: string, position: number): string {
  if (quoted.startsWith("'")) return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new PathSyntaxError(`bad escape in quoted key at position ${position}`, position);
  }
}

/** Parses a path; `allowRoot` accepts `$` for the whole record (sources only). */
export function parsePath(text: string, allowRoot = false): Segment[] {
  const segs: Segment[] = [];
  let pos = 0;
  if (text.trim() !== text) throw new PathSyntaxError('remove the spaces around the path', 0);
  if (text.length === 0) throw new PathSyntaxError('the path is empty', 0);
  if (text[0] === '$') {
    if (!allowRoot) throw new PathSyntaxError('"$" (the whole record) cannot be a target', 0);
    pos = 1;
    if (pos < text.length && text[pos] !== '.' && text[pos] !== '[') {
      throw new PathSyntaxError(`expected "." or "[" after "$" at position 1`, 1);
    }
    if (text[pos] === '.') pos += 1;
  }
  let first = pos === 0 || text[pos - 1] === '.';
  while (pos < text.length) {
    if (segs.length >= MAX_SEGMENTS) throw new PathSyntaxError(`a path may have at most ${MAX_SEGMENTS} parts`, pos);
    const ch = text[pos];
    if (ch === '[') {
      const wild = at(WILD, text, pos);
      const idx = wild ? null : at(INDEX, text, pos);
      const quoted = wild || idx ? null : at(QUOTED, text, pos);
      if (wild) {
        segs.push({ kind: 'wild' });
        pos += wild[0].length;
      } else if (idx) {
        const index = Number(idx[1]);
        if (!Number.isSafeInteger(index) || index > 1_000_000) throw new PathSyntaxError(`index too large at position ${pos}`, pos);
        segs.push({ kind: 'index', index });
        pos += idx[0].length;
      } else if (quoted) {
        segs.push({ kind: 'key', key: unquote(quoted[1] ?? '""', pos) });
        pos += quoted[0].length;
      } else {
        throw new PathSyntaxError(`expected [n], [*] or ["key"] at position ${pos}`, pos);
      }
      first = false;
      continue;
    }
    if (!first) {
      if (ch !== '.') throw new PathSyntaxError(`unexpected "${ch}" at position ${pos}; use "." or "["`, pos);
      pos += 1;
      if (pos >= text.length) throw new PathSyntaxError(`expected a name after "." at position ${pos}`, pos);
      if (text[pos] === '[') throw new PathSyntaxError(`unexpected "[" after "." at position ${pos}`, pos);
    }
    if (text[pos] === '*') throw new PathSyntaxError(`write [*] for every element, not ".*" (position ${pos})`, pos);
    const key = at(BARE_KEY, text, pos);
    if (!key) throw new PathSyntaxError(`expected a name at position ${pos}; quote unusual keys as ["..."]`, pos);
    segs.push({ kind: 'key', key: key[0] });
    pos += key[0].length;
    first = false;
  }
  if (segs.length === 0 && !allowRoot) throw new PathSyntaxError('the path is empty', 0);
  return segs;
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_$-]*$/;

export function formatSegment(seg: Segment, isFirst: boolean): string {
  if (seg.kind === 'wild') return '[*]';
  if (seg.kind === 'index') return `[${seg.index}]`;
  if (PLAIN.test(seg.key)) return isFirst ? seg.key : `.${seg.key}`;
  return `[${JSON.stringify(seg.key)}]`;
}

export function formatPath(segs: readonly Segment[]): string {
  if (segs.length === 0) return '$';
  return segs.map((s, i) => formatSegment(s, i === 0)).join('');
}

/** The path with each [*] replaced by the matching index, for error messages and previews. */
export function formatConcrete(segs: readonly Segment[], indices: readonly number[]): string {
  let w = 0;
  return formatPath(segs.map((s) => (s.kind === 'wild' ? { kind: 'index', index: indices[w++] ?? 0 } : s)));
}

export function wildcardCount(segs: readonly Segment[]): number {
  let n = 0;
  for (const s of segs) if (s.kind === 'wild') n += 1;
  return n;
}

/** Splits at each [*]: `a.b[*].c[*].d` → [[a,b],[c],[d]]. */
export function splitAtWildcards(segs: readonly Segment[]): Segment[][] {
  const parts: Segment[][] = [[]];
  for (const s of segs) {
    if (s.kind === 'wild') parts.push([]);
    else parts[parts.length - 1]?.push(s);
  }
  return parts;
}
