import { ConsoleCapture } from './console-capture';
import { codeError, type CodeError } from './errors';
import { execute, type Plan } from './execute';
import { IsolatePool } from './isolate-pool';
import { DEFAULT_BATCH_CHUNK, DEFAULT_MAX_OUTPUT_BYTES, resolveLimits } from './limits';
import { transpile, type CodeLanguage } from './transpile';
import type { CodeRunInfo, Sandbox, SandboxOptions, SandboxRunRequest, SandboxRunResult } from './types';

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

function* chunksOf(records: readonly unknown[], size: number, encode: Stopwatch): Generator<{ text: string; index: number }> {
  for (let i = 0; i < records.length; i += size) {
    yield { text: encode.time(() => JSON.stringify(records.slice(i, i + size))), index: i };
  }
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const pool = new IsolatePool({
    maxIsolates: options.maxIsolates ?? 4,
    maxIdlePerSize: options.maxIdlePerSize ?? 2,
    maxRunsPerIsolate: options.maxRunsPerIsolate ?? 500,
  });
  const maxOutputChars = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let disposed = false;

  async function perform(req: SandboxRunRequest, op: Plan['op']): Promise<SandboxRunResult> {
    const started = performance.now();
    const capture = new ConsoleCapture();
    const encode = new Stopwatch();
    const decode = new Stopwatch();
    let transpileMs = 0;
    const done = (error: CodeError | null, output: unknown, setupMs = 0, runMs = 0): SandboxRunResult => {
      const timings = { transpileMs, setupMs, encodeMs: encode.total, runMs, decodeMs: decode.total, totalMs: performance.now() - started };
      return error ? { ok: false, error, console: capture.lines, timings } : { ok: true, output, console: capture.lines, timings };
    };
    if (disposed) return done(codeError('code_sandbox_unavailable'), null);

    const transpiled = await transpile(req.code, req.language);
    transpileMs = performance.now() - started;
    if (!transpiled.ok) return done(transpiled.error, null);

    const limits = resolveLimits(req);
    let payloads: Iterable<{ text: string; index: number }>;
    let output: unknown = null;
    let accept: (text: string) => void;
    if (op === 'batch') {
      if (!Array.isArray(req.input)) {
        return done(codeError('code_invalid_input', 'Batch mode needs an array as input; turn batch off or pass a list of records.'), null);
      }
      const results: unknown[] = [];
      output = results;
      payloads = chunksOf(req.input, Math.max(1, Math.floor(req.chunkSize ?? DEFAULT_BATCH_CHUNK)), encode);
      accept = (text) => {
        const chunk: unknown = decode.time(() => JSON.parse(text));
        if (Array.isArray(chunk)) for (const r of chunk) results.push(r);
      };
    } else {
      let inputText: string | undefined;
      try {
        inputText = encode.time(() => JSON.stringify(req.input === undefined ? null : req.input));
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return done(codeError('code_invalid_input', `The input is not JSON (${why}).`), null);
      }
      payloads = [{ text: inputText, index: 0 }];
      accept = (text) => {
        output = decode.time(() => JSON.parse(text));
      };
    }

    let lease;
    try {
      lease = await pool.acquire(limits.memoryMb);
    } catch (e) {
      return done(codeError('code_sandbox_unavailable', e instanceof Error ? e.message : undefined), null);
    }
    let healthy = false;
    try {
      const outcome = await execute({
        pool,
        lease,
        code: transpiled.value,
        plan: { op, payloads, accept },
        limits,
        ctxJson: ctxJsonOf(req.info, limits),
        maxOutputChars,
        capture,
        signal: req.signal,
      });
      healthy = outcome.healthy;
      return done(outcome.error, output, outcome.setupMs, Math.max(0, outcome.runMs - encode.total - decode.total));
    } finally {
      pool.release(lease, healthy);
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
