import { ArgError, defineTransform, isMissing, intArg, maxArgs, stringArg, show } from './registry';

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

function onText(f: (s: string) => string) {
  return (v: unknown): unknown => (typeof v === 'string' ? f(v) : v);
}

export const trim = defineTransform({
  name: 'trim',
  kind: 'value',
  signature: 'trim',
  summary: 'Removes spaces at both ends.',
  output: 'string',
  create(args) {
    maxArgs(args, 0, 'trim');
    return onText((s) => s.trim());
  },
});

export const upper = defineTransform({
  name: 'upper',
  kind: 'value',
  signature: 'upper',
  summary: 'UPPER CASE.',
  output: 'string',
  create(args) {
    maxArgs(args, 0, 'upper');
    return onText((s) => s.toUpperCase());
  },
});

export const lower = defineTransform({
  name: 'lower',
  kind: 'value',
  signature: 'lower',
  summary: 'lower case.',
  output: 'string',
  create(args) {
    maxArgs(args, 0, 'lower');
    return onText((s) => s.toLowerCase());
  },
});

export const string = defineTransform({
  name: 'string',
  kind: 'value',
  signature: 'string',
  summary: 'Converts to text (objects become JSON).',
  output: 'string',
  create(args) {
    maxArgs(args, 0, 'string');
    return (v) => (isMissing(v) ? v : textOf(v));
  },
});

export const split = defineTransform({
  name: 'split',
  kind: 'value',
  signature: 'split(separator, index?)',
  summary: 'Splits text; with an index (negative counts from the end) keeps one part, else the list.',
  output: 'any',
  create(args) {
    maxArgs(args, 2, 'split');
    const sep = stringArg(args, 0, 'split separator');
    if (sep === '') throw new ArgError('split separator must not be empty');
    const index = args[1] === undefined ? null : intArg(args, 1, 'split index');
    return (v) => {
      if (isMissing(v)) return v;
      const parts = textOf(v).split(sep).map((p) => p.trim());
      if (index === null) return parts;
      const i = index < 0 ? parts.length + index : index;
      return parts[i];
    };
  },
});

function partsOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

export const concat = defineTransform({
  name: 'concat',
  kind: 'value',
  signature: 'concat(separator?)',
  summary: 'Joins the values of several sources, skipping empty ones.',
  output: 'string',
  create(args) {
    maxArgs(args, 1, 'concat');
    const sep = stringArg(args, 0, 'concat separator', '');
    return (v) => {
      const parts = partsOf(v)
        .filter((p) => !isMissing(p) && p !== '')
        .map(textOf);
      return parts.length === 0 ? null : parts.join(sep);
    };
  },
});

const PLACEHOLDER = /\{(\d+)\}/g;

export const template = defineTransform({
  name: 'template',
  kind: 'value',
  signature: 'template("{0} {1}")',
  summary: 'Fills {0}, {1}… with the values of the sources in order; missing values become empty.',
  output: 'string',
  create(args) {
    maxArgs(args, 1, 'template');
    const text = stringArg(args, 0, 'template text');
    if (!/\{\d+\}/.test(text)) throw new ArgError(`template ${show(text)} has no {0} placeholder`);
    return (v) => {
      const parts = partsOf(v);
      return text.replace(PLACEHOLDER, (_m, n: string) => {
        const p = parts[Number(n)];
        return isMissing(p) ? '' : textOf(p);
      });
    };
  },
});

/** Objects are copied per use so records never share (and mutate) one constant. */
export function fresh(value: unknown): () => unknown {
  return typeof value === 'object' && value !== null ? () => structuredClone(value) : () => value;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export const defaultValue = defineTransform({
  name: 'default',
  kind: 'value',
  signature: 'default(value)',
  summary: 'Uses the value when the field is missing, null or empty.',
  output: 'any',
  create(args) {
    maxArgs(args, 1, 'default');
    if (args.length === 0) throw new ArgError('default needs a value, e.g. default("n/a")');
    const d = fresh(args[0]);
    return (v) => (isBlank(v) ? d() : v);
  },
});

export const constant = defineTransform({
  name: 'constant',
  kind: 'value',
  signature: 'constant(value)',
  summary: 'Always the given value.',
  output: 'any',
  create(args) {
    maxArgs(args, 1, 'constant');
    if (args.length === 0) throw new ArgError('constant needs a value, e.g. constant("USD")');
    return fresh(args[0]);
  },
});

export { isBlank, textOf };
