// The transform cell of a mapping row: `trim | splitName(first)`, `date("MM/DD/YYYY", "YYYY-MM-DD")`.
// Repeated from engine/mapping/chain.ts (the renderer imports only types from the engine) so the
// table can turn what a person types into steps, and steps back into the same text.

export interface ChainStep {
  readonly name: string;
  readonly args: readonly unknown[];
}

export class ChainSyntaxError extends Error {}

/** Splits at `sep` where it is not inside quotes or brackets. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    else if (ch === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) throw new ChainSyntaxError(`unclosed quote in "${text.slice(start).trim()}"`);
  if (depth !== 0) throw new ChainSyntaxError(`unbalanced brackets in "${text.trim()}"`);
  out.push(text.slice(start));
  return out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BARE = /^[^"'(){}[\],|]+$/;

function parseArg(raw: string): unknown {
  const text = raw.trim();
  if (text === '') throw new ChainSyntaxError('an argument is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1);
    if (BARE.test(text)) return text;
    throw new ChainSyntaxError(`argument ${text} is neither JSON nor a plain word`);
  }
}

export function parseChain(text: string): ChainStep[] {
  if (text.trim() === '') return [];
  return splitTopLevel(text, '|').map((part) => {
    const trimmed = part.trim();
    if (trimmed === '') throw new ChainSyntaxError('a step between two | is empty');
    const open = trimmed.indexOf('(');
    const name = (open < 0 ? trimmed : trimmed.slice(0, open)).trim();
    if (!NAME.test(name)) throw new ChainSyntaxError(`"${name}" is not a transform name`);
    if (open < 0) return { name, args: [] };
    if (!trimmed.endsWith(')')) throw new ChainSyntaxError(`missing ")" after ${name}(`);
    const inner = trimmed.slice(open + 1, -1);
    return { name, args: inner.trim() === '' ? [] : splitTopLevel(inner, ',').map(parseArg) };
  });
}

function formatArg(arg: unknown): string {
  // Bare identifiers read back as the same text; anything else is written as JSON.
  if (typeof arg === 'string' && NAME.test(arg) && !['true', 'false', 'null'].includes(arg)) return arg;
  return JSON.stringify(arg);
}

export function formatChain(steps: readonly ChainStep[]): string {
  return steps.map((s) => (s.args.length === 0 ? s.name : `${s.name}(${s.args.map(formatArg).join(', ')})`)).join(' | ');
}
