import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { PatchbayError } from '../../errors/patchbay-error';
import type { EngineEvent } from '../../api/events';
import type { RunRecord, StepRecord } from '../../api/records';
import type { EventBus } from '../../runtime/event-bus';
import type { RunExecutor, RunJob } from '../../runtime/run-executor';
import type { RunsRepo } from '../../storage/runs-repo';
import { channels, eventBatchSchema, RUN_ATTEMPTS, RUN_BACKOFF, RUNS_QUEUE, runJobData } from './job';
import { bullConnection, redisClient, type RedisTarget } from './redis';
import { RedisOutage } from './redis-outage';
import { RelayedSteps } from '../relayed-steps';

// `patchbay server`: runs are enqueued on BullMQ and executed by `patchbay worker` processes
// (engine/host/queue/worker.ts). The job id is the run id, so enqueuing a run twice (a resume
// after a restart while its job still waits) is a no-op. Workers publish their events on Redis;
// they are re-emitted on this engine's bus, so the UI's event stream is the one a local run gives.

export interface QueueExecutorOptions extends RedisTarget {
  readonly events: EventBus;
  /** Reads a run's record when its job ended without a run.finished event reaching us. */
  readonly runs: RunsRepo;
  /** Attempts of a job before BullMQ gives it up (default RUN_ATTEMPTS, see job.ts). */
  readonly attempts?: number;
  /**
   * After Redis comes back from a restart that lost its data, runs still waiting here are
   * enqueued again once this long has passed (default 30 s, the workers' default lock duration),
   * so a worker still executing one has noticed its lost lock and stopped it first.
   */
  readonly requeueDelay?: number;
  /** Messages for the operator (default: stderr). */
  readonly log?: (line: string) => void;
}

interface Waiting {
  resolve(run: RunRecord): void;
}

/** How long a stopping server waits for Redis to acknowledge its last commands. */
const CLOSE_GRACE_MS = 2000;

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'stopped']);

export class QueueExecutor implements RunExecutor {
  readonly queuesRuns = true;
  private readonly queue: Queue;
  private readonly queueEvents: QueueEvents;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly waiting = new Map<string, Waiting>();
  /** Steps running elsewhere, from their events: `runs.steps` shows them. */
  private readonly running = new RelayedSteps();
  private lostRedis = false;
  private readonly outage: RedisOutage;
  private closed = false;

  constructor(private readonly opts: QueueExecutorOptions) {
    this.queue = new Queue(RUNS_QUEUE, { connection: bullConnection(opts) });
    this.queueEvents = new QueueEvents(RUNS_QUEUE, { connection: bullConnection(opts) });
    this.pub = redisClient(opts);
    this.sub = redisClient(opts);
    // Errors while Redis is away are retried by the clients; the operator is told once when it
    // goes and once when it is back.
    const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.outage = new RedisOutage(opts, (line) => log(`patchbay server: ${line}`));
    const note = (e: Error): void => {
      if (!this.closed) this.outage.error(e);
    };
    this.queue.on('error', note);
    this.queueEvents.on('error', note);
    this.outage.watch(this.pub);
    this.outage.watch(this.sub);
    void this.sub.subscribe(channels.events);
    this.sub.on('message', (_channel: string, message: string) => this.received(message));
    // A job that ended (a run finished, or BullMQ gave it up) settles from the database, in case
    // its run.finished event was lost with a Redis restart.
    this.queueEvents.on('completed', ({ jobId }) => void this.settleFromDb(jobId).catch(() => undefined));
    // Given up by BullMQ (its attempts spent): the run ends failed, saying so.
    this.queueEvents.on('failed', ({ jobId, failedReason }) => void this.givenUp(jobId, failedReason).catch(note));
    // Redis came back after losing its data (a restart without persistence): runs still waiting
    // here are enqueued again (a no-op for jobs Redis kept).
    this.sub.on('close', () => (this.lostRedis = true));
    this.sub.on('ready', () => {
      if (!this.lostRedis || this.closed) return;
      this.lostRedis = false;
      setTimeout(() => {
        for (const runId of this.waiting.keys()) void this.enqueue(runId, true).catch(note);
      }, opts.requeueDelay ?? 30_000).unref();
    });
  }

  execute(job: RunJob): Promise<RunRecord> {
    if (this.closed) return Promise.reject(new PatchbayError('interrupted', 'Patchbay is closing; run it again after it restarts.'));
    const done = new Promise<RunRecord>((resolve) => this.waiting.set(job.runId, { resolve }));
    return this.enqueue(job.runId, job.resumed).then(() => done);
  }

  private async enqueue(runId: string, resumed: boolean): Promise<void> {
    // A run enqueued again (a restart) whose job BullMQ gave up while this server was not
    // listening: adding it again would be a no-op, leaving it waiting for ever.
    const earlier = resumed ? await this.queue.getJob(runId) : undefined;
    if (earlier && await earlier.isFailed()) return this.givenUp(runId, earlier.failedReason);
    await this.queue.add('run', runJobData(runId, resumed), {
      jobId: runId, attempts: this.opts.attempts ?? RUN_ATTEMPTS, backoff: RUN_BACKOFF,
      removeOnComplete: true, removeOnFail: { count: 1000 },
    });
  }

  /**
   * BullMQ gave the run's job up (every attempt spent, or its workers died under it too often):
   * the run ends `failed` with how often it was tried and the last reason, never left waiting.
   */
  private async givenUp(runId: string, reason: string | undefined): Promise<void> {
    let run = await this.opts.runs.get(runId);
    if (!TERMINAL.has(run.status)) {
      const job = await this.queue.getJob(runId);
      const attempts = job?.attemptsStarted ?? 0;
      run = await this.opts.runs.finish(runId, 'failed', new Date().toISOString(), {
        code: 'run_retries_exhausted',
        message: `Queue workers started this run ${attempts} times without seeing it to an end (last: ${reason ?? 'no reason given'}), so it was given up. Check the workers' logs for why, then run it again.`,
        details: { attempts, lastReason: reason ?? null },
      }, null);
      this.opts.events.emit({ type: 'run.finished', run });
    }
    this.settle(runId, run);
  }

  cancel(runId: string): void {
    if (!this.waiting.has(runId)) return;
    void (async () => {
      // A job no worker took yet is removed; the Runner then ends the run cancelled.
      const removed = await this.queue.remove(runId).catch(() => 0);
      if (removed === 1) return this.settle(runId, await this.opts.runs.get(runId));
      await this.pub.publish(channels.cancel, runId);
    })();
  }

  inFlight(runId: string): Promise<readonly StepRecord[]> {
    return Promise.resolve(this.running.inFlight(runId));
  }

  secretsChanged(): void {
    void this.pub.publish(channels.secrets, '1');
  }

  /** The server stops; runs go on on the workers and their records tell how they ended. */
  async shutdown(): Promise<void> {
    this.closed = true;
    this.outage.stop();
    for (const runId of [...this.waiting.keys()]) this.settle(runId, await this.opts.runs.get(runId));
    // With Redis away a close would wait for it forever: the server stops regardless.
    const closes = Promise.allSettled([this.queueEvents.close(), this.queue.close()]);
    await Promise.race([closes, new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]);
    void this.queueEvents.disconnect();
    void this.queue.disconnect();
    this.sub.disconnect();
    this.pub.disconnect();
  }

  private received(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const batch = eventBatchSchema.safeParse(parsed);
    if (!batch.success) return;
    for (const e of batch.data) this.relay(e);
  }

  private relay(e: EngineEvent): void {
    this.running.track(e);
    this.opts.events.emit(e);
    if (e.type === 'run.finished') this.settle(e.run.id, e.run);
  }

  private async settleFromDb(runId: string): Promise<void> {
    if (!this.waiting.has(runId)) return;
    const run = await this.opts.runs.get(runId);
    if (TERMINAL.has(run.status)) this.settle(runId, run);
  }

  private settle(runId: string, run: RunRecord): void {
    const waiting = this.waiting.get(runId);
    if (!waiting) return;
    this.waiting.delete(runId);
    this.running.forget(runId);
    waiting.resolve(run);
  }
}
