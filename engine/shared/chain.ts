import { MAX_JSON_DEPTH, parseJsonWithin } from './json-depth';

/** A transform argument: a JSON value. */
export type ChainArg = string | number | boolean | null | ChainArg[] | { [key: string]: ChainArg };

/** One step of a transform chain: a transform name and its arguments. */
export interface ChainStep {
  name: string;
  args: ChainArg[];
}

// The transform cell of a mapping sheet: `trim | splitName(first)`,
// `date("MM/DD/YYYY", "YYYY-MM-DD")`, `lookup({"High":"P1","Low":"P3"}, "P2")`.
// Arguments are JSON literals, or bare words taken as text (`first`, `MM/DD/YYYY`).

export class ChainSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** A JSON argument nested beyond the limit (see json-depth.ts): a syntax error that is not retried as a plain word. */
class ChainTooDeep extends ChainSyntaxError {}

/** Splits at `sep` where it is not inside quotes or brackets; returns [text, start offset] pairs. */
export function splitTopLevel(text: string, sep: string): [string, number][] {
  const out: [string, number][] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    else if (ch === sep && depth === 0) {
      out.push([text.slice(start, i), start]);
      start = i + 1;
    }
  }
  if (quote) throw new ChainSyntaxError(`unclosed quote starting in "${text.slice(start).trim()}"`, start);
  if (depth !== 0) throw new ChainSyntaxError(`unbalanced brackets in "${text.trim()}"`, start);
  out.push([text.slice(start), start]);
  return out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BARE = /^[^"'(){}[\],|]+$/;

function parseArg(raw: string, offset: number): ChainArg {
  const text = raw.trim();
  if (text === '') throw new ChainSyntaxError(`empty argument at position ${offset}`, offset);
  try {
    return parseJsonWithin(text, () => new ChainTooDeep(`argument at position ${offset} is nested more than ${MAX_JSON_DEPTH} levels deep; flatten it`, offset)) as ChainArg;
  } catch (e) {
    if (e instanceof ChainTooDeep) throw e;
    if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) return text.slice(1, -1);
    if (BARE.test(text)) return text;
    throw new ChainSyntaxError(`argument ${text} at position ${offset} is neither JSON nor a plain word`, offset);
  }
}

export function parseChain(text: string): ChainStep[] {
  if (text.trim() === '') return [];
  return splitTopLevel(text, '|').map(([part, offset]) => {
    const trimmed = part.trim();
    const at = offset + part.indexOf(trimmed);
    if (trimmed === '') throw new ChainSyntaxError(`empty step at position ${at}`, at);
    const open = trimmed.indexOf('(');
    const name = (open < 0 ? trimmed : trimmed.slice(0, open)).trim();
    if (!NAME.test(name)) throw new ChainSyntaxError(`"${name}" at position ${at} is not a transform name`, at);
    if (open < 0) return { name, args: [] };
    if (!trimmed.endsWith(')')) throw new ChainSyntaxError(`missing ")" after ${name}( at position ${at + open}`, at + open);
    const inner = trimmed.slice(open + 1, -1);
    const args = inner.trim() === '' ? [] : splitTopLevel(inner, ',').map(([a, o]) => parseArg(a, at + open + 1 + o));
    return { name, args };
  });
}

function formatArg(arg: unknown): string {
  // Bare identifiers read back as the same text; anything else is written as JSON.
  if (typeof arg === 'string' && NAME.test(arg) && !['true', 'false', 'null'].includes(arg)) return arg;
  return JSON.stringify(arg);
}

export function formatChain(steps: readonly { readonly name: string; readonly args: readonly unknown[] }[]): string {
  return steps.map((s) => (s.args.length === 0 ? s.name : `${s.name}(${s.args.map(formatArg).join(', ')})`)).join(' | ');
}
