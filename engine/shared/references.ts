// Templates in block configs: `{{ steps.fetch.output.items }}`, `{{ trigger.input.id }}`,
// `{{ item.sku }}`, `{{ vars.count }}`, `{{ state.since }}` (kept across runs of an installation). A string that is exactly one reference resolves to the
// referenced value (any type); otherwise each reference is interpolated as text.

export const REFERENCE_ROOTS = ['trigger', 'steps', 'vars', 'state', 'item', 'index', 'installation', 'run'] as const;
export type ReferenceRoot = (typeof REFERENCE_ROOTS)[number];

export type PathSegment = string | number;

export interface Reference {
  readonly source: string;
  readonly root: ReferenceRoot;
  readonly path: readonly PathSegment[];
}

export type CompiledTemplate =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'single'; readonly ref: Reference }
  | { readonly kind: 'parts'; readonly parts: readonly (string | Reference)[] };

export class ReferenceSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
  }
}

const TEMPLATE = /\{\{\s*(.*?)\s*\}\}/g;

export function parseReference(source: string): Reference {
  const segments: PathSegment[] = [];
  let i = 0;
  const ident = /^[A-Za-z_$][A-Za-z0-9_$]*/;
  const first = ident.exec(source);
  if (!first) throw new ReferenceSyntaxError(`"${source}" must start with a name such as steps or trigger`, source);
  const root = first[0];
  if (!(REFERENCE_ROOTS as readonly string[]).includes(root)) {
    throw new ReferenceSyntaxError(`unknown reference root "${root}" (use ${REFERENCE_ROOTS.join(', ')})`, source);
  }
  i = root.length;
  while (i < source.length) {
    const rest = source.slice(i);
    if (rest[0] === '.') {
      const m = ident.exec(rest.slice(1)) ?? /^[0-9]+/.exec(rest.slice(1));
      if (!m) throw new ReferenceSyntaxError(`expected a name after "." at position ${i + 1} in "${source}"`, source);
      segments.push(m[0]);
      i += 1 + m[0].length;
    } else if (rest[0] === '[') {
      const num = /^\[\s*([0-9]+)\s*\]/.exec(rest);
      const str = /^\[\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\]/.exec(rest);
      if (num) {
        segments.push(Number(num[1]));
        i += num[0].length;
      } else if (str) {
        const quoted = str[1] ?? '""';
        segments.push(quoted.startsWith('"') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1).replace(/\\(.)/g, '$1'));
        i += str[0].length;
      } else {
        throw new ReferenceSyntaxError(`bad index at position ${i} in "${source}"`, source);
      }
    } else {
      throw new ReferenceSyntaxError(`unexpected "${rest[0]}" at position ${i} in "${source}"`, source);
    }
  }
  return { source, root: root as ReferenceRoot, path: segments };
}

export function compileTemplate(text: string): CompiledTemplate {
  if (!text.includes('{{')) return { kind: 'literal', text };
  const parts: (string | Reference)[] = [];
  let last = 0;
  for (const m of text.matchAll(TEMPLATE)) {
    const start = m.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(parseReference(m[1] ?? ''));
    last = start + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.length === 1 && typeof parts[0] !== 'string' && parts[0] !== undefined) return { kind: 'single', ref: parts[0] };
  return { kind: 'parts', parts };
}

/** Every reference inside a config value (strings nested in objects and arrays). */
export function collectReferences(value: unknown, out: Reference[] = []): Reference[] {
  if (typeof value === 'string') {
    const t = compileTemplate(value);
    if (t.kind === 'single') out.push(t.ref);
    else if (t.kind === 'parts') for (const p of t.parts) if (typeof p !== 'string') out.push(p);
  } else if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collectReferences(v, out);
  }
  return out;
}

/** Reads a path with own properties only, so a template can never reach a prototype. */
export function readPath(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const seg of path) {
    if (current === null || current === undefined) return undefined;
    if (seg === 'length' && (Array.isArray(current) || typeof current === 'string')) {
      current = current.length;
    } else if (typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, seg)) {
      current = (current as Record<string | number, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return current;
}

export type ReferenceScope = Readonly<Record<ReferenceRoot, unknown>>;

const compiledCache = new Map<string, CompiledTemplate>();

function cachedTemplate(text: string): CompiledTemplate {
  let t = compiledCache.get(text);
  if (!t) {
    t = compileTemplate(text);
    if (compiledCache.size > 10_000) compiledCache.clear();
    compiledCache.set(text, t);
  }
  return t;
}

function stringify(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Resolves every template inside a config value against the run's scope. */
export function resolveTemplates(value: unknown, scope: ReferenceScope): unknown {
  if (typeof value === 'string') {
    const t = cachedTemplate(value);
    if (t.kind === 'literal') return value;
    if (t.kind === 'single') return readPath(scope[t.ref.root], t.ref.path);
    return t.parts.map((p) => (typeof p === 'string' ? p : stringify(readPath(scope[p.root], p.path)))).join('');
  }
  if (Array.isArray(value)) return value.map((v) => resolveTemplates(v, scope));
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in obj) out[k] = resolveTemplates(obj[k], scope);
    return out;
  }
  return value;
}
