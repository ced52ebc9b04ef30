import { ArgError, defineTransform, isMissing, maxArgs } from './registry';

// Splitting a full name is a heuristic; these are the cases analysts meet in ERP data:
// "First Last", "First Middle Last", "Last, First [Middle]", one word, extra spaces, titles and
// suffixes, and family-name particles ("Anna van der Berg" → last "van der Berg").

const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'delle', 'di', 'da', 'das', 'dos', 'du', 'la', 'le',
  'st', 'st.', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'y', 'zu', 'vom', 'zum', 'zur', 'af', 'av',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'dds', 'cpa']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir']);

export type NamePart = 'first' | 'middle' | 'last';
export const NAME_PARTS: readonly NamePart[] = ['first', 'middle', 'last'];

export interface NameParts {
  readonly first: string | null;
  readonly middle: string | null;
  readonly last: string | null;
}

const bare = (t: string): string => t.toLowerCase().replace(/\./g, '');

function stripTitlesAndSuffixes(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end - 1 && TITLES.has(bare(tokens[start] ?? ''))) start += 1;
  while (end > start + 1 && SUFFIXES.has(bare(tokens[end - 1] ?? '').replace(/,$/, ''))) end -= 1;
  return tokens.slice(start, end);
}

const joinOrNull = (tokens: readonly string[]): string | null => (tokens.length === 0 ? null : tokens.join(' '));

export function splitFullName(full: string): NameParts {
  const text = full.replace(/\s+/g, ' ').trim();
  if (text === '') return { first: null, middle: null, last: null };
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const before = text.slice(0, comma).trim();
    const after = text.slice(comma + 1).replace(/,/g, ' ').trim();
    const afterTokens = after === '' ? [] : after.split(' ');
    // "John Smith, Jr." is not "Last, First": the part after the comma is only a suffix.
    if (afterTokens.every((t) => SUFFIXES.has(bare(t)))) return splitFullName(before);
    const given = stripTitlesAndSuffixes(afterTokens);
    return { first: given[0] ?? null, middle: joinOrNull(given.slice(1)), last: before === '' ? null : before };
  }
  const tokens = stripTitlesAndSuffixes(text.split(' '));
  if (tokens.length === 1) return { first: tokens[0] ?? null, middle: null, last: null };
  let lastStart = tokens.length - 1;
  while (lastStart > 1 && PARTICLES.has((tokens[lastStart - 1] ?? '').toLowerCase())) lastStart -= 1;
  return {
    first: tokens[0] ?? null,
    middle: joinOrNull(tokens.slice(1, lastStart)),
    last: joinOrNull(tokens.slice(lastStart)),
  };
}

// Rules usually take first and last from the same field, one right after the other: remembering
// the last split halves the work without changing any result (the split is a pure function).
let lastText: string | null = null;
let lastParts: NameParts = { first: null, middle: null, last: null };

function splitCached(text: string): NameParts {
  if (text !== lastText) {
    lastParts = splitFullName(text);
    lastText = text;
  }
  return lastParts;
}

export const splitName = defineTransform({
  name: 'splitName',
  kind: 'value',
  signature: 'splitName(first|middle|last)',
  summary: 'One part of a full name; understands "Last, First", middle names and particles such as "van der".',
  output: 'string',
  create(args) {
    maxArgs(args, 1, 'splitName');
    const part = args[0];
    if (part !== 'first' && part !== 'middle' && part !== 'last') {
      throw new ArgError(`splitName needs the part to keep: first, middle or last (got ${JSON.stringify(part) ?? 'nothing'})`);
    }
    return (v) => (isMissing(v) ? v : typeof v === 'string' ? splitCached(v)[part] : v);
  },
});
