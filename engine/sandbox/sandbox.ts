import { codeError, InvalidInput, type CodeError } from './errors';
import type { Payload } from './execute';
import { ProcessPool } from './process-pool';
import type { ProcessRun } from './sandbox-process';
import { DEFAULT_BATCH_CHUNK, DEFAULT_MAX_OUTPUT_BYTES, MAX_CHUNK_CHARS, resolveLimits } from './limits';
import { analyzeInputUse } from './projection/analyze';
import { compileProjector, type Projector } from './projection/shape';
import { transpile, type CodeLanguage } from './transpile';
import type { CodeRunInfo, ConsoleLine, Sandbox, SandboxOptions, SandboxRunRequest, SandboxRunResult } from './types';

const NO_INFO: CodeRunInfo = { runId: null, blockId: null, iteration: null, mode: 'test', installation: null };

/** Only the fields user code may see, whatever the caller put in `info`. */
function ctxJsonOf(info: CodeRunInfo | undefined, limits: { timeoutMs: number; memoryMb: number }): string {
  const i = info ?? NO_INFO;
  const installation = i.installation ? { id: i.installation.id, customerName: i.installation.customerName } : null;
  return JSON.stringify({ runId: i.runId, blockId: i.blockId, iteration: i.iteration, mode: i.mode, installation, limits });
}

class Stopwatch {
  total = 0;
  time<T>(fn: () => T): T {
    const t = performance.now();
    try {
      return fn();
    } finally {
      this.total += performance.now() - t;
    }
  }
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch (e) {
    throw new InvalidInput(`The input is not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** What the code reads of its input, by the source of its `run` (see projection/analyze.ts). */
const projectors = new Map<string, Projector | null>();
/** Beyond this, `run` was not written by a person (e.g. built with new Function): no analysis,
 * so a crafted source cannot stall the engine while it is parsed. */
export const MAX_ANALYZED_SOURCE = 64 * 1024;
function projectorFor(source: unknown): Projector | null {
  if (typeof source !== 'string' || source.length > MAX_ANALYZED_SOURCE) return null;
  let projector = projectors.get(source);
  if (projector === undefined) {
    const shape = analyzeInputUse(source);
    projector = shape ? compileProjector(shape) : null;
    projectors.set(source, projector);
    if (projectors.size > 64) projectors.delete(projectors.keys().next().value ?? '');
  }
  return projector;
}

/** The source of `run` each recent script had when it last loaded. */
const knownSources = new Map<string, string | null>();
function rememberSource(script: string, source: string | null): void {
  knownSources.delete(script);
  knownSources.set(script, source);
  if (knownSources.size > 64) knownSources.delete(knownSources.keys().next().value ?? '');
}

/** Input is encoded only when it is about to cross, after the projection is known. */
function* payloadsOf(
  req: SandboxRunRequest,
  chunk: number | null,
  projector: () => Projector | null,
  encode: Stopwatch,
): Generator<Payload> {
  const cut = (v: unknown): unknown => {
    const p = projector();
    return p ? p(v) : v;
  };
  if (chunk === null || !Array.isArray(req.input)) {
    yield { text: encode.time(() => toJson(cut(req.input))), index: 0 };
    return;
  }
  const records: readonly unknown[] = req.input;
  for (let start = 0; start < records.length; start += chunk) {
    const end = Math.min(records.length, start + chunk);
    // One stringify per chunk (stringifying each record and joining cost a third more).
    const text = encode.time(() => toJson(records.slice(start, end).map(cut)));
    if (text.length <= MAX_CHUNK_CHARS || end - start === 1) yield { text, index: start };
    else yield* bySize(records, start, end, cut, encode);
  }
}

/**
 * A chunk of huge records is cut short at MAX_CHUNK_CHARS of JSON, so a few of them cannot make
 * one crossing larger than the isolate's memory.
 */
function* bySize(records: readonly unknown[], from: number, to: number, cut: (v: unknown) => unknown, encode: Stopwatch): Generator<Payload> {
  let parts: string[] = [];
  let size = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const text = encode.time(() => toJson(cut(records[i])));
    parts.push(text);
    size += text.length + 1;
    if (size >= MAX_CHUNK_CHARS || i === to - 1) {
      yield { text: `[${parts.join(',')}]`, index: start };
      parts = [];
      size = 0;
      start = i + 1;
    }
  }
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const pool = new ProcessPool(options.maxIsolates ?? 4);
  const maxOutputChars = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const projectInput = options.projectInput ?? true;
  let disposed = false;

  async function perform(req: SandboxRunRequest, op: ProcessRun['op']): Promise<SandboxRunResult> {
    const started = performance.now();
    const encode = new Stopwatch();
    const decode = new Stopwatch();
    let transpileMs = 0;
    const done = (error: CodeError | null, output: unknown, console: readonly ConsoleLine[] = [], setupMs = 0, runMs = 0): SandboxRunResult => {
      const timings = { transpileMs, setupMs, encodeMs: encode.total, runMs, decodeMs: decode.total, totalMs: performance.now() - started };
      return error ? { ok: false, error, console, timings } : { ok: true, output, console, timings };
    };
    if (disposed) return done(codeError('code_sandbox_unavailable'), null);

    const transpiled = await transpile(req.code, req.language);
    transpileMs = performance.now() - started;
    if (!transpiled.ok) return done(transpiled.error, null);

    const limits = resolveLimits(req);
    if (op === 'batch' && !Array.isArray(req.input)) {
      return done(codeError('code_invalid_input', 'Batch mode needs an array as input; turn batch off or pass a list of records.'), null);
    }
    let projector: Projector | null = null;
    const chunk = op === 'batch' ? Math.max(1, Math.floor(req.chunkSize ?? DEFAULT_BATCH_CHUNK)) : null;
    const results: unknown[] = [];
    let output: unknown = op === 'batch' ? results : null;
    const accept = (text: string): void => {
      const value: unknown = decode.time(() => JSON.parse(text));
      if (op !== 'batch') output = value;
      else if (Array.isArray(value)) for (const r of value) results.push(r);
    };

    const script = transpiled.value.script;
    const wantsSource = op !== 'load' && projectInput;
    const assumedSource = wantsSource ? knownSources.get(script) : undefined;
    if (assumedSource !== undefined) projector = projectorFor(assumedSource);

    let proc;
    try {
      proc = await pool.acquire();
    } catch (e) {
      return done(codeError('code_sandbox_unavailable', e instanceof Error ? `The code sandbox could not start (${e.message}); restart the engine.` : undefined), null);
    }
    try {
      const outcome = await proc.run({
        op,
        code: transpiled.value,
        limits,
        ctxJson: ctxJsonOf(req.info, limits),
        maxOutputChars,
        payloads: () => payloadsOf(req, chunk, () => projector, encode),
        // The module's `run` source decides the projection. The process reports it when it loads
        // the module, unless it is the source this script had last time (then input was made
        // for it already and went along with the start).
        onSource: wantsSource ? (source) => {
          rememberSource(script, source);
          projector = projectorFor(source);
        } : undefined,
        assumedSource,
        accept,
        signal: req.signal,
      });
      return done(outcome.error, output, outcome.console, outcome.setupMs, Math.max(0, outcome.runMs - encode.total - decode.total));
    } finally {
      pool.release(proc);
    }
  }

  return {
    run(req) {
      return perform(req, req.batch ? 'batch' : 'run');
    },
    async check(code: string, language: CodeLanguage) {
      const result = await perform({ code, language, input: null }, 'load');
      return result.ok ? null : result.error;
    },
    stats: () => pool.stats(),
    dispose() {
      disposed = true;
      pool.dispose();
    },
  };
}
