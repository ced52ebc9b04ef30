import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PatchbayError } from '../../errors/patchbay-error';
import type { EngineEvent } from '../../api/events';
import type { RunRecord, StepRecord } from '../../api/records';
import type { EventBus } from '../../runtime/event-bus';
import type { RunLimits } from '../../runtime/run-budget';
import type { RunExecutor, RunJob } from '../../runtime/run-executor';
import type { DatabaseSpec } from '../../storage/database-spec';
import { OutageNotice } from '../../storage/database-watch';
import type { RunsRepo } from '../../storage/runs-repo';
import { fromWorkerSchema, type RunWorkerData, type ToWorker } from './messages';
import { RelayedSteps } from '../relayed-steps';

// Runs execute in worker threads, so a step that computes for seconds (a Map Fields over a big
// page, a large journal write) never holds up the bridge, the scheduler or the UI on the host's
// thread. Each worker is a whole run loop on its own SQLite connection (WAL lets both write);
// the host keeps everything else: validating and recording runs, resuming, cancel, events.

/** `serve`: two workers (one on a single-core machine); each takes several runs, as the run loop is async. */
export function defaultRunWorkers(): number {
  return Math.min(2, availableParallelism());
}

/**
 * The heap one worker may use. Past it V8 ends that worker (ERR_WORKER_OUT_OF_MEMORY), not the
 * engine: the app stays up and the worker's runs go through the crash rules. Kept below 2 GB on
 * purpose: from a 2 GB limit up (64-bit Node) V8 lets the old generation grow to 4x what survived
 * the last full GC, below it to ~2x. A backfill promotes each page it delivers, so at 2048 the
 * worker's heap sat at ~190 MB for ~45 MB alive, and at 1792 at ~105 MB (engine peak RSS at
 * 100,000 orders: 289–300 MB instead of 374 MB; `npm run bench -- backfill --orders 100000`).
 */
const WORKER_HEAP_MB = 1792;

/** A quit waits this long for runs to reach a point where they can stop; then their workers are ended. */
const SHUTDOWN_GRACE_MS = 15_000;

/** From sources a worker registers tsx first (boot.mjs); the built engine has a bundle of its own beside patchbay.mjs. */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./boot.mjs', import.meta.url) : new URL('./run-worker.mjs', import.meta.url);

export interface RunWorkersOptions {
  readonly size: number;
  readonly database: DatabaseSpec;
  readonly key: Uint8Array;
  readonly limits?: Partial<RunLimits>;
  /** The host's bus: workers' events are emitted on it as if the runs were local. */
  readonly events: EventBus;
  /** Reads the record of a run whose worker died. */
  readonly runs: RunsRepo;
  /** Told when the database goes away under the workers' runs and comes back (default: stderr). */
  readonly outages?: OutageNotice;
}

interface Handed {
  resolve(run: RunRecord): void;
  reject(error: unknown): void;
}

class RunWorker {
  readonly runs = new Map<string, Handed>();
  ready = false;
  private onReady: (() => void) | null = null;
  /** Settles once the thread said `ready`, or ended before. */
  readonly started = new Promise<void>((resolve) => (this.onReady = resolve));
  closing = false;
  /** It waits for the database (its runs paused where they are). */
  inOutage = false;
  lastError: string | null = null;
  /** Set when the thread could not reach its database: then that, not Patchbay, needs fixing. */
  databaseUnavailable = false;
  readonly exited: Promise<void>;

  constructor(readonly thread: Worker) {
    this.exited = new Promise((resolve) => thread.once('exit', () => resolve()));
    void this.exited.then(() => this.onReady?.());
  }

  markReady(): void {
    this.ready = true;
    this.onReady?.();
  }

  send(message: ToWorker): void {
    this.thread.postMessage(message);
  }
}

export class RunWorkers implements RunExecutor {
  private readonly workers = new Set<RunWorker>();
  /** Steps running elsewhere, from their events: `runs.steps` shows them. */
  private readonly running = new RelayedSteps();
  private shuttingDown = false;
  private readonly outages: OutageNotice;

  constructor(private readonly opts: RunWorkersOptions) {
    this.outages = opts.outages ?? new OutageNotice((line) => process.stderr.write(`${line}\n`));
  }

  execute(job: RunJob): Promise<RunRecord> {
    if (this.shuttingDown) return Promise.reject(new PatchbayError('interrupted', 'Patchbay is closing; run it again after it restarts.'));
    const worker = this.pick();
    return new Promise((resolve, reject) => {
      worker.runs.set(job.runId, { resolve, reject });
      worker.send({ type: 'execute', runId: job.runId, resumed: job.resumed });
    });
  }

  /**
   * Starts every thread now rather than at the first runs (a queue worker: its first jobs would
   * otherwise wait for threads to boot); settles once they are up.
   */
  async warm(): Promise<void> {
    while (this.workers.size < this.opts.size) this.spawn();
    await Promise.all([...this.workers].map((w) => w.started));
  }

  cancel(runId: string): void {
    this.ownerOf(runId)?.send({ type: 'cancel', runId });
  }

  /** Stops one run as a quit would: it settles `queued`, to continue elsewhere. */
  interrupt(runId: string): void {
    this.ownerOf(runId)?.send({ type: 'interrupt', runId });
  }

  inFlight(runId: string): Promise<readonly StepRecord[]> {
    return Promise.resolve(this.running.inFlight(runId));
  }

  secretsChanged(): void {
    for (const w of this.workers) w.send({ type: 'secrets-changed' });
  }

  /** The thread executing a run (tests use it to end a worker as a crash would). */
  threadOf(runId: string): Worker | undefined {
    return this.ownerOf(runId)?.thread;
  }

  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.workers].map(async (w) => {
      w.closing = true;
      w.send({ type: 'shutdown' });
      const timer = setTimeout(() => void w.thread.terminate(), SHUTDOWN_GRACE_MS);
      await w.exited;
      clearTimeout(timer);
    }));
  }

  private ownerOf(runId: string): RunWorker | undefined {
    for (const w of this.workers) if (w.runs.has(runId)) return w;
    return undefined;
  }

  /** The least busy worker; a new one while all are busy and the pool is not full. */
  private pick(): RunWorker {
    let best: RunWorker | null = null;
    for (const w of this.workers) if (!w.closing && (!best || w.runs.size < best.runs.size)) best = w;
    if (best && (best.runs.size === 0 || this.workers.size >= this.opts.size)) return best;
    return this.spawn();
  }

  private spawn(): RunWorker {
    const data: RunWorkerData = { database: this.opts.database, key: this.opts.key, limits: this.opts.limits ?? {} };
    const worker = new RunWorker(new Worker(WORKER_ENTRY, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
    this.workers.add(worker);
    worker.thread.on('message', (raw: unknown) => this.receive(worker, raw));
    worker.thread.on('error', (e) => {
      worker.lastError = e.message;
      // The error's own properties cross the thread boundary: its code says what failed.
      worker.databaseUnavailable = (e as Error & { code?: unknown }).code === 'database_unavailable';
    });
    worker.thread.on('exit', (code) => this.exited(worker, code));
    return worker;
  }

  private receive(worker: RunWorker, raw: unknown): void {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      // A worker that says what it should not is ended; its runs go the way of a crash.
      worker.lastError = `unexpected message: ${parsed.error.message}`;
      void worker.thread.terminate();
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        worker.markReady();
        return;
      case 'events':
        for (const e of msg.events) this.relay(e);
        return;
      case 'settled':
        this.running.forget(msg.runId);
        worker.runs.get(msg.runId)?.resolve(msg.run);
        worker.runs.delete(msg.runId);
        return;
      case 'rejected':
        this.running.forget(msg.runId);
        worker.runs.get(msg.runId)?.reject(new PatchbayError(msg.error.code, msg.error.message, msg.error.details));
        worker.runs.delete(msg.runId);
        return;
      case 'closed':
        void worker.thread.terminate();
        return;
      case 'outage':
        if ((msg.state === 'begin') === worker.inOutage) return;
        worker.inOutage = msg.state === 'begin';
        if (worker.inOutage) this.outages.begin(msg.line);
        else this.outages.end(msg.line);
        return;
    }
  }

  private relay(e: EngineEvent): void {
    this.running.track(e);
    this.opts.events.emit(e);
  }

  /**
   * A worker ended. After `closed` (a quit) its runs have settled. Otherwise it died (a crash,
   * out of memory): its runs are handed back as the database has them, still `running`, and the
   * Runner applies the crash rules to them as after a crash of the whole engine. A worker that
   * died before it was ready could not start at all: its runs fail with what it said.
   */
  private exited(worker: RunWorker, code: number): void {
    this.workers.delete(worker);
    if (worker.inOutage) this.outages.end();
    for (const [runId, handed] of worker.runs) {
      this.running.forget(runId);
      if (worker.ready) void this.opts.runs.get(runId).then(handed.resolve, handed.reject);
      else handed.reject(worker.databaseUnavailable
        // Its message names the database (without password) and what to check there.
        ? new PatchbayError('database_unavailable', `The worker that executes runs could not reach the database: ${worker.lastError ?? ''}`)
        : new PatchbayError('run_worker_failed', `Patchbay could not start the worker that executes runs (${worker.lastError ?? `exit code ${code}`}); restart Patchbay, and reinstall it if this persists.`));
    }
    worker.runs.clear();
  }
}
