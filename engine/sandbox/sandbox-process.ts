import type { ChildProcess } from 'node:child_process';
import { startSandboxProcess } from './child-entry';
import { fromChildSchema, type DoneMessage, type FromChild, type ToChild } from './child/protocol';
import { codeError, type CodeError } from './errors';
import type { Payload } from './execute';
import type { RunLimits } from './limits';
import type { TranspiledCode } from './transpile';
import type { ConsoleLine } from './types';

const MB = 1024 * 1024;
/** A process that cannot start within this is given up on (code_sandbox_unavailable). */
const START_TIMEOUT_MS = 30_000;
/** How long past the run's own deadline the engine waits before it ends an unresponsive process. */
const DEADLINE_GRACE_MS = 5_000;
/** RSS a process may keep, above where it started, between runs before it is replaced. */
const KEPT_GROWTH = 128 * MB;

/**
 * RSS a process may reach during a run: what it needed at start, the isolate's limit, room for
 * the output text that limit allows and an idle isolate, and some slack. Beyond it the program
 * took memory its limit did not see (a flattened rope) and the process is ended.
 */
export function rssBound(baseRss: number, memoryMb: number): number {
  return baseRss + (3 * memoryMb + 64) * MB;
}

export interface ProcessRun {
  readonly op: 'load' | 'run' | 'batch';
  readonly code: TranspiledCode;
  readonly limits: RunLimits;
  readonly ctxJson: string;
  readonly maxOutputChars: number;
  /** Payloads, made on demand, one per pull; throwing ends the run with code_invalid_input. */
  readonly payloads: () => Iterator<Payload>;
  /** Gets the source of `run` before the first payload is asked for; payloads then start over. */
  readonly onSource?: ((source: string | null) => void) | undefined;
  /** The source of `run` the payloads are projected for, when known from an earlier run. */
  readonly assumedSource?: string | null | undefined;
  readonly accept: (text: string) => void;
  readonly signal?: AbortSignal | undefined;
}

export interface ProcessOutcome {
  readonly error: CodeError | null;
  readonly console: readonly ConsoleLine[];
  readonly setupMs: number;
  readonly runMs: number;
}

interface Current {
  readonly id: number;
  readonly run: ProcessRun;
  payloads: Iterator<Payload>;
  /** The first pull's answer, when it was made before the start (and not sent along). */
  early: IteratorResult<Payload> | { readonly failed: unknown } | null;
  readonly bound: number;
  /** The process's peak RSS before this run: only a peak above it is this run's doing. */
  readonly peakBefore: number;
  readonly finish: (outcome: ProcessOutcome) => void;
  /** Why the engine ended the process, when it did. */
  verdict: CodeError | null;
}

/** One long-lived sandbox process, lent to one run at a time (see process-pool.ts). */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private baseRss = 0;
  private peak = 0;
  private nextId = 1;
  private current: Current | null = null;
  private exited = false;
  /** Set when the engine ended the process, before the exit is seen: it is lent no more. */
  private killed = false;
  readonly ready: Promise<void>;

  constructor(private readonly onGone: (p: SandboxProcess) => void) {
    this.child = startSandboxProcess();
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox process did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      this.child.once('error', (e) => reject(e));
      this.child.once('exit', (code, signal) => reject(new Error(`the sandbox process ended on start (${signal ?? `status ${code}`})`)));
      this.onReady = (rss) => {
        clearTimeout(timer);
        this.baseRss = rss;
        this.peak = rss;
        resolve();
      };
    });
    this.ready.catch(() => this.kill());
    this.child.on('message', (raw: unknown) => this.receive(raw));
    this.child.on('exit', () => this.gone());
    this.child.on('error', () => this.kill());
  }

  private onReady: (rss: number) => void = () => undefined;

  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /** Idle processes keep no host alive: a CLI that forgets to dispose still exits. */
  hold(busy: boolean): void {
    if (this.exited) return;
    if (busy) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }

  run(run: ProcessRun): Promise<ProcessOutcome> {
    const id = this.nextId++;
    return new Promise<ProcessOutcome>((resolve) => {
      const deadline = setTimeout(() => this.end(codeError('code_timeout', `The code ran longer than its limit of ${run.limits.timeoutMs} ms and its sandbox process stopped answering; it was ended.`)), run.limits.timeoutMs + DEADLINE_GRACE_MS);
      const onAbort = (): void => this.send({ t: 'cancel', id });
      run.signal?.addEventListener('abort', onAbort, { once: true });
      this.current = {
        id,
        run,
        payloads: run.payloads(),
        early: null,
        bound: rssBound(this.baseRss, run.limits.memoryMb),
        peakBefore: this.peak,
        verdict: null,
        finish: (outcome) => {
          clearTimeout(deadline);
          run.signal?.removeEventListener('abort', onAbort);
          this.current = null;
          resolve(outcome);
        },
      };
      const { op, code, limits, ctxJson, maxOutputChars, assumedSource } = run;
      // When the projection is already known, the first payload goes with the start: a single
      // record then takes one exchange with the process instead of three.
      const first = op !== 'load' && (!run.onSource || assumedSource !== undefined) ? this.firstPayload(this.current) : undefined;
      this.send({
        t: 'start', id, op, code: { script: code.script, map: code.map.map((l) => l.map((s) => [...s])) }, limits, ctxJson, maxOutputChars,
        wantsSource: run.onSource !== undefined,
        ...(assumedSource !== undefined ? { assumedSource } : {}),
        ...(first ? { first } : {}),
      });
      if (run.signal?.aborted) onAbort();
      if (this.exited) this.gone();
    });
  }

  /** Ends the process; a run in flight fails with `verdict` (code_sandbox_crashed if none). */
  end(verdict: CodeError): void {
    if (this.current && !this.current.verdict) this.current.verdict = verdict;
    this.kill();
  }

  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private send(m: ToChild): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(m);
  }

  private receive(raw: unknown): void {
    const parsed = fromChildSchema.safeParse(raw);
    if (!parsed.success) return this.end(codeError('code_sandbox_crashed', 'The sandbox process sent something it should not have; it was replaced.'));
    const m: FromChild = parsed.data;
    if (m.t === 'ready') return this.onReady(m.rss);
    const cur = this.current;
    if (!cur) return;
    if (m.t === 'rss') {
      if (m.rss > cur.bound || this.peakedPast(cur, m.maxRss)) this.end(this.memoryVerdict(cur));
      return;
    }
    if (m.id !== cur.id) return;
    if (m.t === 'source') {
      // The projection changed: input is made again from the start, for this `run`.
      cur.run.onSource?.(m.source);
      cur.payloads = cur.run.payloads();
      cur.early = null;
    } else if (m.t === 'pull') this.feed(cur);
    else if (m.t === 'out') this.output(cur, m.text);
    else this.done(cur, m);
  }

  private firstPayload(cur: Current): Payload | undefined {
    try {
      const next = cur.payloads.next();
      if (!next.done) return next.value;
      cur.early = next;
    } catch (e) {
      cur.early = { failed: e };
    }
    return undefined;
  }

  private feed(cur: Current): void {
    let next: IteratorResult<Payload>;
    try {
      const early = cur.early;
      cur.early = null;
      if (early && 'failed' in early) throw early.failed;
      next = early ?? cur.payloads.next();
    } catch (e) {
      this.send({ t: 'bad-input', id: cur.id, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.send(next.done ? { t: 'chunk', id: cur.id, text: null, index: 0 } : { t: 'chunk', id: cur.id, text: next.value.text, index: next.value.index });
  }

  private output(cur: Current, text: string): void {
    try {
      cur.run.accept(text);
    } catch {
      this.end(codeError('code_sandbox_crashed', 'The sandbox process sent output that is not JSON; it was replaced.'));
    }
  }

  private done(cur: Current, m: DoneMessage): void {
    // The peak rose past the bound during this run, between two samples: the run caused it.
    const tooBig = this.peakedPast(cur, m.maxRss);
    this.peak = Math.max(this.peak, m.maxRss);
    const error = cur.verdict ?? (tooBig ? this.memoryVerdict(cur) : m.error);
    // A lost isolate's thread stays parked, and memory not given back stays taken: start afresh.
    if (m.lost || tooBig || m.rss > this.baseRss + KEPT_GROWTH) this.kill();
    cur.finish({ error, console: m.console, setupMs: m.setupMs, runMs: m.runMs });
  }

  private peakedPast(cur: Current, maxRss: number): boolean {
    return maxRss > cur.bound && maxRss > cur.peakBefore;
  }

  private memoryVerdict(cur: Current): CodeError {
    return codeError('code_memory_limit', `The code took far more memory than its limit of ${cur.run.limits.memoryMb} MB in one go (for example by flattening a huge string built with +=); process less data per run or raise memoryMb.`);
  }

  private gone(): void {
    if (!this.exited) {
      this.exited = true;
      this.onGone(this);
    }
    const cur = this.current;
    if (cur) cur.finish({ error: cur.verdict ?? codeError('code_sandbox_crashed'), console: [], setupMs: 0, runMs: 0 });
  }
}
