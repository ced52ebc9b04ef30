import ivm from 'isolated-vm';
import { codeError, InvalidInput, type CodeError } from './errors';
import type { IsolatePool, LeasedIsolate } from './isolate-pool';
import { userScript } from './isolate-pool';
import type { RunLimits } from './limits';
import { ERROR_MARK } from './prelude';
import { fromCompileError, fromIsolateFailure, parseFailure } from './stack';
import type { TranspiledCode } from './transpile';
import type { ConsoleCapture } from './console-capture';

/**
 * What crosses into the isolate: JSON text only, one text per call. Payloads are produced lazily
 * and outputs handed to `accept` as they come, so a large batch is never all JSON at once.
 */
export interface Payload {
  readonly text: string;
  readonly index: number;
}

export interface Plan {
  readonly op: 'load' | 'run' | 'batch';
  readonly payloads: Iterable<Payload> | AsyncIterable<Payload>;
  readonly accept: (text: string) => void;
  /** When set, the module is loaded first and this gets the source of its `run`, before any payload is made. */
  readonly onLoad?: (runSource: unknown) => void;
}


export interface ExecuteOutcome {
  readonly error: CodeError | null;
  /** False when the isolate must not be reused (timeout, memory limit, unknown failure). */
  readonly healthy: boolean;
  readonly setupMs: number;
  readonly runMs: number;
}

export interface ExecuteParams {
  readonly pool: IsolatePool;
  readonly lease: LeasedIsolate;
  readonly code: TranspiledCode;
  readonly plan: Plan;
  readonly limits: RunLimits;
  readonly ctxJson: string;
  readonly maxOutputChars: number;
  readonly capture: ConsoleCapture;
  readonly signal?: AbortSignal | undefined;
}

type Killed = 'timeout' | 'cancel' | null;

/** V8 gave up on the isolate (isolate-pool.ts): its calls never settle, so each await races this. */
class LostIsolate extends Error {
  /** isolated-vm's words: "Catastrophic out-of-memory error", or "Script failed to terminate". */
  constructor(readonly reason: string) {
    super(reason);
  }
}

type Settled = { readonly ok: true; readonly out: unknown } | { readonly ok: false; readonly error: unknown };

/** A call whose failure is a value, so a queued call never becomes an unhandled rejection. */
function settle(call: Promise<unknown>): Promise<Settled> {
  return call.then(
    (out) => ({ ok: true, out }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/**
 * The console callback lives on inside the isolate until the isolate collects the old context,
 * and keeps its host closure alive that long. It therefore holds only this small sink, cut loose
 * after the run, never the run's data.
 */
function consoleCallback(capture: ConsoleCapture): { callback: ivm.Callback; detach: () => void } {
  const sink: { target: ConsoleCapture | null } = { target: capture };
  const callback = new ivm.Callback((level: unknown, text: unknown) => sink.target?.receive(level, text));
  return { callback, detach: () => (sink.target = null) };
}

function classify(e: unknown, killed: Killed, lease: LeasedIsolate, limits: RunLimits): CodeError {
  const message = e instanceof Error ? e.message : String(e);
  if (killed === 'cancel') return codeError('code_cancelled');
  if (e instanceof LostIsolate && !/memory/i.test(e.reason)) {
    return codeError('code_timeout', `The code could not be stopped at its limit of ${limits.timeoutMs} ms (it was inside one long operation, such as building a huge array); process less data per run.`);
  }
  if (e instanceof LostIsolate) {
    return codeError('code_memory_limit', `The code asked for more memory in one go than its limit of ${limits.memoryMb} MB allows (for example a Map or array of tens of millions of entries); process less data per run or raise memoryMb.`);
  }
  const memory = codeError('code_memory_limit', `The code used more than its memory limit of ${limits.memoryMb} MB; process less data per run or raise memoryMb.`);
  // isolated-vm names the memory limit when it stopped the isolate for it; that cause wins over a
  // deadline that passed while the host was busy with the same oversized allocation, so a program
  // gets the same code from the CLI and from serve whatever the machine's load.
  if (/memory limit/i.test(message)) return memory;
  if (killed === 'timeout' || /timed out/i.test(message)) {
    return codeError('code_timeout', `The code ran longer than its limit of ${limits.timeoutMs} ms; look for endless loops or promises that never settle, or raise timeoutMs.`);
  }
  if (lease.isolate.isDisposed) return memory;
  return codeError('code_runtime_error', message);
}

/**
 * One run in a leased isolate and a fresh context. A host timer backs up isolated-vm's own
 * timeout, because a promise that never settles keeps no code running for that timeout to stop:
 * when it fires, the isolate is disposed, which also ends any code still running in it.
 */
export async function execute(p: ExecuteParams): Promise<ExecuteOutcome> {
  const started = performance.now();
  const deadline = Date.now() + p.limits.timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  let killed: Killed = null;
  const timer = setTimeout(() => {
    killed = 'timeout';
    p.pool.kill(p.lease);
  }, p.limits.timeoutMs);
  const onAbort = (): void => {
    killed = 'cancel';
    p.pool.kill(p.lease);
  };
  p.signal?.addEventListener('abort', onAbort, { once: true });
  if (p.signal?.aborted) onAbort();

  let failLost: (e: LostIsolate) => void = () => undefined;
  const lost = new Promise<never>((_resolve, reject) => (failLost = reject));
  lost.catch(() => undefined); // raced below; never left unhandled
  const onLost = (reason: string): void => failLost(new LostIsolate(reason));
  p.lease.onLost.add(onLost);
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, lost]);
  const lostNow = (): boolean => p.lease.lost;

  let context: ivm.Context | null = null;
  const handles: ivm.Reference[] = [];
  let detach = (): void => {};
  let inFlight: Promise<Settled> | null = null;
  let setupMs = 0;
  const runMs = (): number => performance.now() - started - setupMs;
  try {
    context = await guard(p.lease.isolate.createContext());
    const entry: ivm.Reference = await guard(p.lease.prelude.run(context, { reference: true, timeout: remaining() }));
    handles.push(entry);
    let script: ivm.Script;
    try {
      script = await guard(userScript(p.lease, p.code));
    } catch (e) {
      if (p.lease.isolate.isDisposed) throw e;
      return { error: fromCompileError(p.code, e), healthy: true, setupMs: performance.now() - started, runMs: 0 };
    }
    const factory: ivm.Reference = await guard(script.run(context, { reference: true, timeout: remaining() }));
    handles.push(factory);
    const log = consoleCallback(p.capture);
    detach = log.detach;
    setupMs = performance.now() - started;

    let used = 0;
    let first = true;
    if (p.plan.onLoad) {
      const out: unknown = await guard(entry.apply(undefined, ['load', factory.derefInto(), log.callback, p.ctxJson, '', 0, 0], { timeout: remaining(), result: { promise: true } }));
      first = false;
      if (typeof out !== 'string') throw new Error('the sandbox returned a value that is not text');
      if (out.startsWith(ERROR_MARK)) return { error: fromIsolateFailure(p.code, parseFailure(out.slice(ERROR_MARK.length))), healthy: true, setupMs, runMs: runMs() };
      p.plan.onLoad(JSON.parse(out));
    }
    // One call stays queued behind the running one: the host encodes the next chunk and decodes
    // the last while the isolate works, which matters on a machine with a free core.
    const handle = (s: Settled): CodeError | null => {
      if (!s.ok) throw s.error;
      if (typeof s.out !== 'string') throw new Error('the sandbox returned a value that is not text');
      if (s.out.startsWith(ERROR_MARK)) return fromIsolateFailure(p.code, parseFailure(s.out.slice(ERROR_MARK.length)));
      used += s.out.length;
      if (used > p.maxOutputChars) return codeError('code_output_too_large', `The output is over the limit of ${p.maxOutputChars} characters of JSON; return fewer or smaller records.`);
      p.plan.accept(s.out);
      return null;
    };
    for await (const { text, index } of p.plan.payloads) {
      // The factory and the console callback are needed only by the first call, which loads the module.
      const args = [p.plan.op, first ? factory.derefInto() : undefined, first ? log.callback : undefined, p.ctxJson, text, index, Math.max(0, p.maxOutputChars - used)];
      first = false;
      const call = settle(guard(entry.apply(undefined, args, { timeout: remaining(), result: { promise: true } })));
      const previous: Promise<Settled> | null = inFlight;
      inFlight = call;
      if (previous) {
        const error = handle(await previous);
        if (error) {
          await call; // let the queued chunk finish (the timer still bounds it) before the isolate goes back
          return { error, healthy: true, setupMs, runMs: runMs() };
        }
      }
    }
    if (inFlight) {
      const error = handle(await inFlight);
      if (error) return { error, healthy: true, setupMs, runMs: runMs() };
    }
    return { error: null, healthy: true, setupMs, runMs: runMs() };
  } catch (e) {
    // Never hand back an isolate that is still working on a queued chunk.
    if (inFlight) await inFlight;
    if (e instanceof InvalidInput) return { error: codeError('code_invalid_input', e.message), healthy: true, setupMs, runMs: runMs() };
    const error = classify(e, killed, p.lease, p.limits);
    return { error, healthy: false, setupMs, runMs: runMs() };
  } finally {
    clearTimeout(timer);
    p.lease.onLost.delete(onLost);
    detach();
    p.signal?.removeEventListener('abort', onAbort);
    // A lost isolate's thread holds its lock for good: nothing more is asked of it.
    if (context && !p.lease.isolate.isDisposed && !lostNow()) {
      try {
        // Released at once rather than when the host GC gets to them, so the context goes too.
        for (const h of handles) h.release();
        context.release();
      } catch {
        // the isolate went away underneath; nothing left to release
      }
    }
  }
}
