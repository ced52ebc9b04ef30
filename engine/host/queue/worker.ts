import { DelayedError, Worker, type Job } from 'bullmq';
import { sql } from 'kysely';
import { join } from 'node:path';
import { z } from 'zod';
import { PatchbayError } from '../../errors/patchbay-error';
import { uninstalledRunError } from '../../installations/uninstalled-runs';
import type { EngineEvent } from '../../api/events';
import type { RunRecord } from '../../api/records';
import { failCrashedRun, judgeResume, MAX_CRASHES_WITHOUT_PROGRESS, progressMark } from '../../runtime/crash-rule';
import { EventBus } from '../../runtime/event-bus';
import type { RunLimits } from '../../runtime/run-budget';
import { existingKeyFileProvider } from '../../secrets/key-provider';
import { ActivityRepo } from '../../storage/activity-repo';
import { CheckpointsRepo } from '../../storage/checkpoints-repo';
import { describeDatabase, openDatabaseSpec, type DatabaseSpec, type OpenedDatabase } from '../../storage/database-spec';
import { isDatabaseUnavailable } from '../../storage/postgres';
import { InstallationsRepo } from '../../storage/installations-repo';
import { LoopItemsRepo } from '../../storage/loop-items-repo';
import { RunsRepo } from '../../storage/runs-repo';
import { defaultRunWorkers, RunWorkers } from '../run-workers/pool';
import { DatabaseWatch, OutageNotice } from '../../storage/database-watch';
import { channels, refusal, RUN_ATTEMPTS, RUNS_QUEUE, runJobSchema, waitingForNewerWorker, type RunJobData } from './job';
import { bullConnection, checkRedisCredentials, redisClient, type RedisTarget } from './redis';
import { RedisOutage } from './redis-outage';

// `patchbay worker`: a BullMQ worker pulling "execute run <id>" jobs and executing them with the
// run workers `serve` uses (engine/host/run-workers): the one run loop, in threads, so this
// thread stays free to renew the jobs' locks however long a step computes. Events go to the
// server over Redis pub/sub after the journal rows they report are written.

export interface QueueWorkerOptions extends RedisTarget {
  /** Holds the secrets key, and the SQLite database unless `database` names PostgreSQL. */
  readonly dataDir: string;
  /** The server's secrets key file when it is not `<dataDir>/secrets.key`. */
  readonly secretsKey?: string;
  /** `postgres://…`: the server's database (the same one `patchbay server --database` uses). */
  readonly database?: string;
  /** Runs executed at once by this process (default 4). */
  readonly concurrency?: number;
  /** Run-worker threads (default: as `serve`). */
  readonly threads?: number;
  /**
   * How long a job's lock lasts without renewal (default 30 s): a worker killed mid-run gives
   * its runs up after at most this plus `stalledInterval`. Steps never hold the renewal up
   * (they run in threads), so the default only trades recovery time against Redis traffic.
   */
  readonly lockDuration?: number;
  /** How often workers look for jobs whose worker died (default 15 s). */
  readonly stalledInterval?: number;
  readonly limits?: Partial<RunLimits>;
  /** Messages for the operator (default: stderr). */
  readonly log?: (line: string) => void;
  /** Gives up a start still waiting for Redis or PostgreSQL (Ctrl+C while one is down). */
  readonly signal?: AbortSignal;
  /** The versions this worker runs jobs of (default: this build's; tests play a newer worker). */
  readonly version?: { readonly patchbayVersion: string; readonly schemaVersion: number };
}

/**
 * A worker too old for a job hands it straight back (a newer worker takes it at once) and takes
 * no job for this long, doubling with each refusal in a row up to REFUSED_BACKOFF_MAX_MS: during
 * a rolling upgrade every new job is one it cannot run.
 */
const REFUSED_BACKOFF_MS = 5000;
const REFUSED_BACKOFF_MAX_MS = 300_000;
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'stopped']);

/** What a job's progress in Redis holds: how many times a worker started executing its run. */
const jobProgressSchema = z.object({ executions: z.number().int().nonnegative() });
type JobProgress = z.infer<typeof jobProgressSchema>;

function executionsOf(job: Job): number {
  return jobProgressSchema.safeParse(job.progress).data?.executions ?? 0;
}

/** A record that may be gone (deleted with its run or installation): null instead of not_found. */
async function orNull<T>(read: () => T | Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof PatchbayError && e.code === 'not_found') return null;
    throw e;
  }
}

/** The same for a record read through the query builder. */
async function orNullAsync<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof PatchbayError && e.code === 'not_found') return null;
    throw e;
  }
}

export interface QueueWorker {
  /** An orderly quit: runs in progress are interrupted and continue on another worker. */
  close(): Promise<void>;
}

/** Waits for a start step that needs Redis, unless the start is given up first. */
function unlessAborted<T>(step: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return step;
  let stop = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(new PatchbayError('cancelled', 'The worker was stopped before Redis answered.'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  return Promise.race([step, aborted]).finally(() => signal.removeEventListener('abort', stop));
}

export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // The server's key, never one of its own: a key the server did not make opens no connection.
  const keyPath = opts.secretsKey ?? join(opts.dataDir, 'secrets.key');
  const key = await existingKeyFileProvider(keyPath, 'A worker decrypts the connections the server stores with the server\'s key: copy the server\'s secrets.key there (mode 0600), or point --secrets-key at it, and start the worker again.').loadKey();
  await checkRedisCredentials(opts);
  const spec: DatabaseSpec = opts.database ? { postgres: opts.database } : { sqlite: join(opts.dataDir, 'patchbay.db') };
  // One notice for this thread's waits and the run threads': an outage is told once.
  const outages = new OutageNotice((line) => log(`patchbay worker: ${line}`));
  const watch: DatabaseWatch = new DatabaseWatch({ probe: () => sql`SELECT 1`.execute(opened.database), describe: describeDatabase(spec), notice: outages });
  // A worker started while PostgreSQL is down waits for it, as one that loses it does.
  const opened: OpenedDatabase = await watch.untilAvailable(() => openDatabaseSpec(spec), opts.signal);
  const { database } = opened;
  const runs = new RunsRepo(database);
  const checkpoints = new CheckpointsRepo(database);
  const loopItems = new LoopItemsRepo(database);
  const installations = new InstallationsRepo(database);
  const activity = new ActivityRepo(database, 'patchbay worker');
  const events = new EventBus();
  const executor = new RunWorkers({ size: opts.threads ?? defaultRunWorkers(), database: spec, key, events, runs, outages, ...(opts.limits ? { limits: opts.limits } : {}) });

  const pub = redisClient(opts);
  const sub = redisClient(opts);
  // A Redis outage is told once when it begins and once when it ends, however often the clients retry.
  const outage = new RedisOutage(opts, (line) => log(`patchbay worker: ${line}`));
  outage.watch(pub);
  outage.watch(sub);
  // Events leave in one message per turn of the event loop (the run workers' batches).
  let batch: EngineEvent[] = [];
  let sent: Promise<unknown> = Promise.resolve();
  const sendEvents = (): Promise<unknown> => {
    if (batch.length > 0) {
      const out = batch;
      batch = [];
      sent = pub.publish(channels.events, JSON.stringify(out));
    }
    return sent;
  };
  events.subscribe((e) => {
    if (batch.length === 0) setImmediate(() => void sendEvents());
    batch.push(e);
  });
  sub.on('message', (channel: string, message: string) => {
    if (channel === channels.cancel) executor.cancel(message);
    else if (channel === channels.secrets) executor.secretsChanged();
  });

  /** Ends a run whose installation was uninstalled after it was enqueued, and says so in its activity. */
  const drop = async (run: RunRecord, installationId: string, customerName: string): Promise<string> => {
    // It may have run part of the way on a worker before (an earlier attempt): say how far.
    const succeeded = await runs.succeededStepCount(run.id);
    const finished = await runs.finish(run.id, 'cancelled', new Date().toISOString(), uninstalledRunError(customerName, succeeded), null);
    await activity.record(installationId, 'run_dropped', { runId: run.id, reason: 'uninstalled', finishedSteps: succeeded });
    events.emit({ type: 'run.finished', run: finished });
    await sendEvents();
    return 'dropped';
  };

  /** A run's thread or process died under it: the crash rule decides; null when it resumes. */
  const afterCrash = async (job: Job, runId: string, what: string): Promise<string | null> => {
    const verdict = await judgeResume({ runs, checkpoints, loopItems }, runId, true);
    const attempt = `attempt ${job.attemptsStarted} of ${job.opts.attempts ?? 1}`;
    if (verdict.givenUp) {
      const failed = await failCrashedRun(runs, runId, verdict.crashCount, 'The queue worker executing this run (its process or its thread)', { attempts: job.attemptsStarted });
      say(job, `run ${runId}: ${what} again at the same point (${attempt}); it ends failed with run_crashed_engine.`);
      events.emit({ type: 'run.finished', run: failed });
      await sendEvents();
      return failed.status;
    }
    await runs.markQueued(runId, verdict);
    say(job, `run ${runId}: ${what} (${attempt}; crash ${verdict.crashCount} of ${MAX_CRASHES_WITHOUT_PROGRESS} at this point); it resumes after what it finished.`);
    return null;
  };
  /** To the operator, and into the job's log in Redis (where BullMQ's tools show attempts). */
  const say = (job: Job, line: string): void => {
    log(`patchbay worker: ${line}`);
    void job.log(line).catch(() => undefined);
  };

  // Refusals in a row (the backoff grows with them) and the versions the operator was told of.
  let refusals = 0;
  const toldOf = new Set<string>();
  let backingOff: NodeJS.Timeout | null = null;
  /** Hands a job this worker is too old for back, at once, and takes no job for a while. */
  const leaveToNewer = async (job: Job, data: RunJobData, refused: string, token: string | undefined): Promise<never> => {
    refusals += 1;
    const pause = Math.min(REFUSED_BACKOFF_MS * 2 ** (refusals - 1), REFUSED_BACKOFF_MAX_MS);
    // Paused before the job goes back, so this worker does not take it again at once.
    if (worker && !backingOff) {
      await worker.pause(true);
      backingOff = setTimeout(() => {
        backingOff = null;
        if (!quitting) void worker?.resume();
      }, pause);
      backingOff.unref();
    }
    const needed = `${data.patchbayVersion}/${data.schemaVersion}`;
    if (!toldOf.has(needed)) {
      toldOf.add(needed);
      log(`patchbay worker: worker_too_old: ${refused} Until then this worker hands such runs back and looks for work less often (every ${REFUSED_BACKOFF_MS / 1000} s, up to ${REFUSED_BACKOFF_MAX_MS / 60_000} min).`);
    }
    await job.log(refused).catch(() => undefined);
    // The run says why it waits. Never started by any worker: it shows `queued`.
    const reason = waitingForNewerWorker(data, opts.version);
    await watch.untilAvailable(() => runs.noteWaiting(data.runId, reason, executionsOf(job) === 0));
    await job.moveToDelayed(Date.now(), token);
    throw new DelayedError(refused);
  };

  const executing = new Map<string, Promise<RunRecord>>();
  let quitting = false;
  const processor = async (job: Job, token?: string): Promise<string> => {
    try {
      return await execute(job, token);
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      // The database went away before the run started, or under it for longer than its thread
      // waits: no attempt is spent. Once it is back the run is left `queued` (it did not crash)
      // and the job goes back to the queue, to resume after what was committed.
      await watch.available();
      const runId = runJobSchema.safeParse(job.data).data?.runId;
      if (runId && !executing.has(runId)) {
        await watch.untilAvailable(async () => {
          const run = await orNull(() => runs.get(runId));
          if (run && !TERMINAL.has(run.status)) await runs.markQueued(runId);
        });
      }
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError(`PostgreSQL was unavailable; run ${job.id ?? ''} continues now that it is back.`);
    }
  };
  const execute = async (job: Job, token?: string): Promise<string> => {
    const data = runJobSchema.parse(job.data);
    const refused = refusal(data, opts.version);
    if (refused) return leaveToNewer(job, data, refused, token);
    refusals = 0;
    // This process still executes the run under a job it lost (Redis restarted): that ends first.
    const earlier = executing.get(data.runId);
    if (earlier) {
      executor.interrupt(data.runId);
      await earlier.catch(() => undefined);
    }
    await watch.available();
    const run = await orNull(() => runs.get(data.runId));
    if (!run) return 'missing';
    if (TERMINAL.has(run.status)) return run.status;
    if (run.installationId) {
      const installation = await orNullAsync(() => installations.get(run.installationId ?? ''));
      if (!installation || installation.status === 'uninstalled') return drop(run, run.installationId, installation?.customerName ?? 'The customer');
    }
    // Executed before and still `running`: the worker process executing it died under it (a
    // quit, an outage and a lost lock leave it `queued`; a refusal never started it).
    const executions = executionsOf(job);
    if (run.status === 'running' && executions > 0) {
      const ended = await afterCrash(job, run.id, 'the worker process executing it stopped');
      if (ended) return ended;
    }
    // A job taken over continues after what the run already finished.
    const progress = await progressMark({ runs, checkpoints, loopItems }, run.id);
    await runs.markResumed(run.id);
    await job.updateProgress({ executions: executions + 1 } satisfies JobProgress);
    const execution = executor.execute({ runId: run.id, resumed: data.resumed || progress > 0 });
    executing.set(run.id, execution);
    const finished = await execution.finally(() => {
      if (executing.get(run.id) === execution) executing.delete(run.id);
    });
    if (finished.status === 'running') {
      // Its run thread died under it (out of memory, a crash).
      const ended = await afterCrash(job, run.id, 'its run thread stopped');
      if (ended) return ended;
      throw new Error(`Run ${run.id}'s thread stopped under it; it resumes on the next attempt.`);
    }
    if (!TERMINAL.has(finished.status)) {
      // This worker quits: no attempt spent, the job is at once another worker's.
      if (quitting) {
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError(`Run ${run.id} was interrupted by a quit of this worker; it continues on the next one.`);
      }
      throw new Error(`Run ${run.id} was interrupted on this worker (it lost the job's lock); it continues on the worker that holds it.`);
    }
    // The server hears run.finished before the job completes.
    await sendEvents();
    return finished.status;
  };

  let worker: Worker | null = null;
  // With Redis down nothing can be handed back or closed politely, and waiting for it would keep
  // Ctrl+C from stopping the worker: its jobs stall instead and another worker resumes them.
  const stop = async (force: boolean): Promise<void> => {
    quitting = true;
    outage.stop();
    if (backingOff) clearTimeout(backingOff);
    if (!force) await worker?.pause(true);
    await executor.shutdown();
    await worker?.close(force);
    sub.disconnect();
    await new Promise((r) => setImmediate(r));
    pub.disconnect();
    await opened.close();
  };
  const start = async (): Promise<void> => {
    await unlessAborted(sub.subscribe(channels.cancel, channels.secrets), opts.signal);
    // Threads boot before the first job is taken: a job's wait is the queue's, not a thread's start.
    await executor.warm();
    worker = new Worker(RUNS_QUEUE, processor, {
      connection: bullConnection(opts), concurrency: opts.concurrency ?? 4,
      lockDuration: opts.lockDuration ?? 30_000, stalledInterval: opts.stalledInterval ?? 15_000, maxStalledCount: RUN_ATTEMPTS,
    });
    worker.on('error', (e) => outage.error(e, ''));
    // A job whose lock is gone (Redis lost it, or this worker stalled past lockDuration) may run
    // elsewhere now: its run stops here, as at a quit, and whoever holds the job continues it.
    worker.on('lockRenewalFailed', (jobIds: string[]) => {
      for (const id of jobIds) {
        log(`patchbay worker: lost the queue's lock on run ${id}; it stops here and continues on the worker that holds its job.`);
        executor.interrupt(id);
      }
    });
    await unlessAborted(worker.waitUntilReady(), opts.signal);
  };
  try {
    await start();
  } catch (e) {
    await stop(true);
    throw e;
  }

  let closing: Promise<void> | null = null;
  return {
    close: () => (closing ??= stop(pub.status !== 'ready')),
  };
}
