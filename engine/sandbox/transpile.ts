import { transform, transformSync, type Message, type TransformOptions } from 'esbuild';
import { codeError, type CodeError } from './errors';
import { MAX_CODE_BYTES } from './limits';
import { decodeMappings, originalPosition, type LineMappings } from './source-map';

export type CodeLanguage = 'js' | 'ts';

/** The script name V8 puts in stack frames; stack mapping looks for it. */
export const USER_SCRIPT_NAME = 'user-code.js';

/**
 * User code as the isolate runs it: esbuild turns TypeScript and ESM `export` syntax into a
 * CommonJS body, which we wrap in a function expression: the script's completion value, which
 * the host hands to the prelude as the module factory. The wrapper's first line holds nothing of the user's, so generated line n is script line n + 2
 * (1-based) and the source map takes it back to what the user wrote.
 */
export interface TranspiledCode {
  readonly script: string;
  readonly map: LineMappings;
}

export type TranspileResult = { readonly ok: true; readonly value: TranspiledCode } | { readonly ok: false; readonly error: CodeError };

// Esbuild reprints the code (it does not keep lines), so positions always go through the map.
function options(language: CodeLanguage): TransformOptions {
  return {
    loader: language,
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'external',
    sourcefile: language === 'ts' ? 'user-code.ts' : 'user-code.js',
    logLevel: 'silent',
  };
}

// Strict mode for every form: ESM is strict anyway, and esbuild's CommonJS output drops the
// implicit strictness, so writes to the frozen ctx would otherwise fail silently.
const WRAP_HEAD = '(function (module, exports, require) { "use strict";\n';
// A plain script that only declares `function run` (no export) still works: the wrapper hands
// back the local `run` when nothing was exported.
const WRAP_TAIL = '\n;return typeof run === "function" ? run : undefined;\n})\n';

function wrap(js: string, mapJson: string): TranspiledCode {
  const parsed: unknown = JSON.parse(mapJson);
  const mappings =
    typeof parsed === 'object' && parsed !== null && 'mappings' in parsed && typeof parsed.mappings === 'string' ? parsed.mappings : '';
  return { script: WRAP_HEAD + js + WRAP_TAIL, map: decodeMappings(mappings) };
}

/** esbuild columns are 0-based byte offsets; editors count 1-based characters. */
function syntaxError(messages: readonly Message[]): CodeError {
  const first = messages[0];
  const loc = first?.location;
  if (!first || !loc) return codeError('code_syntax_error', first?.text ?? 'The code does not parse.');
  const column = Buffer.from(loc.lineText, 'utf8').subarray(0, loc.column).toString('utf8').length + 1;
  return codeError('code_syntax_error', first.text, { line: loc.line, column });
}

function isTransformFailure(e: unknown): e is { errors: Message[] } {
  return typeof e === 'object' && e !== null && 'errors' in e && Array.isArray(e.errors);
}

function tooLarge(code: string): CodeError | null {
  return Buffer.byteLength(code, 'utf8') > MAX_CODE_BYTES ? codeError('code_too_large') : null;
}

// Runs inside a For Each call the same code many times; transpiling once per distinct source
// keeps that cheap. Bounded so edited-and-rerun code does not pile up.
const cache = new Map<string, TranspiledCode>();
const CACHE_SIZE = 64;

export async function transpile(code: string, language: CodeLanguage): Promise<TranspileResult> {
  const big = tooLarge(code);
  if (big) return { ok: false, error: big };
  const key = `${language}\0${code}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return { ok: true, value: hit };
  }
  try {
    const out = await transform(code, options(language));
    const value = wrap(out.code, out.map);
    cache.set(key, value);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
    return { ok: true, value };
  } catch (e) {
    if (isTransformFailure(e)) return { ok: false, error: syntaxError(e.errors) };
    throw e;
  }
}

const syntaxCache = new Map<string, CodeError | null>();

/**
 * Synchronous syntax check for config validation (no isolate, no run). Validation runs before
 * every step, inside loops too, so answers are cached per source text.
 */
export function checkSyntax(code: string, language: CodeLanguage): CodeError | null {
  const big = tooLarge(code);
  if (big) return big;
  const key = `${language}\0${code}`;
  const hit = syntaxCache.get(key);
  if (hit !== undefined) return hit;
  let result: CodeError | null = null;
  try {
    transformSync(code, { ...options(language), sourcemap: false });
  } catch (e) {
    if (!isTransformFailure(e)) throw e;
    result = syntaxError(e.errors);
  }
  syntaxCache.set(key, result);
  if (syntaxCache.size > CACHE_SIZE) syntaxCache.delete(syntaxCache.keys().next().value ?? '');
  return result;
}

/** Maps a 1-based line/column in the wrapped script back to the user's 1-based position. */
export function userPosition(code: TranspiledCode, line: number, column: number): { line: number; column: number } | null {
  const pos = originalPosition(code.map, line - 2, column - 1);
  return pos ? { line: pos.line + 1, column: pos.column + 1 } : null;
}
