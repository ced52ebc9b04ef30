// Repeated from engine/sandbox/typings.ts (the renderer imports only types from the engine):
// `input` typed from a sample value, and `ctx`. Keep the two in step.
type TypeNode =
  | { readonly kind: 'prim'; readonly name: 'string' | 'number' | 'boolean' | 'null' }
  | { readonly kind: 'array'; readonly element: TypeNode | null }
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, Field> }
  | { readonly kind: 'union'; readonly members: readonly TypeNode[] }
  | { readonly kind: 'unknown' };

interface Field {
  readonly type: TypeNode;
  readonly optional: boolean;
}

export interface TypingsOptions {
  /** Batch mode: `run` receives one element of the sample array at a time (and its index). */
  readonly batch?: boolean;
}

const MAX_DEPTH = 8;
const MAX_KEYS = 200;
const MAX_ELEMENTS = 200;
const UNKNOWN: TypeNode = { kind: 'unknown' };

function infer(value: unknown, depth: number): TypeNode {
  if (value === null || value === undefined) return { kind: 'prim', name: 'null' };
  if (typeof value === 'string') return { kind: 'prim', name: 'string' };
  if (typeof value === 'number') return { kind: 'prim', name: 'number' };
  if (typeof value === 'boolean') return { kind: 'prim', name: 'boolean' };
  if (depth >= MAX_DEPTH || typeof value !== 'object') return UNKNOWN;
  if (Array.isArray(value)) {
    let element: TypeNode | null = null;
    for (const item of value.slice(0, MAX_ELEMENTS)) {
      const t = infer(item, depth + 1);
      element = element ? merge(element, t) : t;
    }
    return { kind: 'array', element };
  }
  const fields = new Map<string, Field>();
  for (const [key, v] of Object.entries(value).slice(0, MAX_KEYS)) fields.set(key, { type: infer(v, depth + 1), optional: false });
  return { kind: 'object', fields };
}

function membersOf(t: TypeNode): readonly TypeNode[] {
  return t.kind === 'union' ? t.members : [t];
}

function mergeObjects(a: ReadonlyMap<string, Field>, b: ReadonlyMap<string, Field>): TypeNode {
  const fields = new Map<string, Field>();
  for (const [key, fa] of a) {
    const fb = b.get(key);
    fields.set(key, fb ? { type: merge(fa.type, fb.type), optional: fa.optional || fb.optional } : { type: fa.type, optional: true });
  }
  for (const [key, fb] of b) if (!a.has(key)) fields.set(key, { type: fb.type, optional: true });
  return { kind: 'object', fields };
}

/** The union of two types: objects merge field by field (a field missing on one side is optional). */
function merge(a: TypeNode, b: TypeNode): TypeNode {
  const out: TypeNode[] = [];
  for (const t of [...membersOf(a), ...membersOf(b)]) {
    if (t.kind === 'unknown') return UNKNOWN;
    const i = out.findIndex((o) => o.kind === t.kind && (o.kind !== 'prim' || (t.kind === 'prim' && o.name === t.name)));
    const existing = out[i];
    if (!existing) out.push(t);
    else if (existing.kind === 'object' && t.kind === 'object') out[i] = mergeObjects(existing.fields, t.fields);
    else if (existing.kind === 'array' && t.kind === 'array') {
      const element = existing.element && t.element ? merge(existing.element, t.element) : (existing.element ?? t.element);
      out[i] = { kind: 'array', element };
    }
  }
  return out.length === 1 && out[0] ? out[0] : { kind: 'union', members: out };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function render(t: TypeNode, indent: string): string {
  switch (t.kind) {
    case 'prim':
      return t.name;
    case 'unknown':
      return 'unknown';
    case 'union':
      return t.members.map((m) => render(m, indent)).join(' | ');
    case 'array': {
      if (!t.element) return 'unknown[]';
      const inner = render(t.element, indent);
      return t.element.kind === 'union' ? `(${inner})[]` : `${inner}[]`;
    }
    case 'object': {
      if (t.fields.size === 0) return 'Record<string, unknown>';
      const next = `${indent}  `;
      const lines = [...t.fields].map(([key, f]) => `${next}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}${f.optional ? '?' : ''}: ${render(f.type, next)};`);
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
  }
}

/** The TypeScript type of a JSON sample, e.g. `{ tranId: string; lines: { qty: number }[] }`. */
export function typeOfSample(sample: unknown): string {
  return render(infer(sample, 0), '');
}

/** `ctx` as user code sees it (engine/sandbox/sandbox.ts builds it; no secrets). */
export const CTX_TYPINGS = `/** Read-only facts about this run. */
interface Ctx {
  readonly runId: string | null;
  readonly blockId: string | null;
  /** Index inside the innermost For Each, or null at top level. */
  readonly iteration: number | null;
  readonly mode: 'live' | 'test';
  readonly installation: { readonly id: string; readonly customerName: string } | null;
  readonly limits: { readonly timeoutMs: number; readonly memoryMb: number };
  /** Writes a line to the step's console, like console.log. */
  log(...args: unknown[]): void;
}
declare const ctx: Ctx;
`;

/**
 * Declarations for the editor: `type Input` from the sample (in batch mode, from one element),
 * `declare const input: Input`, and `Ctx`. Code written as
 * `export function run(input: Input, ctx: Ctx)` gets completion on both.
 */
export function inputTypings(sample: unknown, options: TypingsOptions = {}): string {
  let type = infer(sample, 0);
  if (options.batch && type.kind === 'array') type = type.element ?? UNKNOWN;
  const doc = options.batch ? '/** One record of the input list (batch mode: run is called once per record). */' : '/** Derived from a sample of this block\'s input. */';
  const index = options.batch ? '/** Position of the record in the input list (batch mode). */\ndeclare const index: number;\n' : '';
  return `${doc}\ntype Input = ${render(type, '')};\ndeclare const input: Input;\n${index}${CTX_TYPINGS}`;
}
