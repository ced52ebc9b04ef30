import { join } from 'node:path';
import type { MethodArgs, MethodName, MethodResult } from '../api/contract';
import { PatchbayError, toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import { startDemoSandbox } from '../connections';
import { SecretBox } from '../secrets/envelope';
import { fileKeyProvider, type KeyProvider } from '../secrets/key-provider';
import type { EngineEventListener } from '../api/events';
import { EventBus } from '../runtime/event-bus';
import { Runner } from '../runtime/runner';
import { openDatabaseSpec, type DatabaseSpec } from '../storage/database-spec';
import { RunsRepo } from '../storage/runs-repo';
import { CheckpointsRepo } from '../storage/checkpoints-repo';
import { LoopItemsRepo } from '../storage/loop-items-repo';
import { StateRepo } from '../storage/state-repo';
import type { RunLimits } from '../runtime/run-budget';
import { compactSqlite, defaultRetention, pruneRuns, type RetentionPolicy } from '../storage/retention';
import { InstallationService } from '../installations/service';
import { LifecycleService } from '../installations/lifecycle';
import { UpgradeService } from '../installations/upgrade';
import { scheduledJobs } from '../installations/scheduled-jobs';
import { Scheduler } from '../runtime/scheduler';
import type { RunExecutor } from '../runtime/run-executor';
import { coreServices, localExecutor } from './run-services-setup';
import { RunWorkers } from './run-workers/pool';
import { QueueExecutor, type QueueExecutorOptions } from './queue/queue-executor';
import { designRepos, type Repos } from '../installations/repos';
import { userInfo } from 'node:os';
import type { EngineContext } from './context';
import { ApiKeys } from './auth/api-keys';
import { ApiKeysStore } from '../storage/api-keys-store';
import { Users } from './auth/users';
import { UsersStore } from '../storage/users-store';
import { invoke, type DispatchResult } from './dispatch';

export interface EngineOptions {
  readonly dataDir: string;
  /**
   * `postgres://…`: the server's database instead of the data folder's SQLite file (`patchbay
   * server --database`). The data folder still holds the secrets key.
   */
  readonly database?: string;
  /** Where the secrets master key comes from; default: a 0600 key file in the data dir. */
  readonly keyProvider?: KeyProvider;
  /** Fire schedule (poll) triggers of installed workflows; the app and `serve` turn it on. */
  readonly scheduler?: boolean;
  /** Start the built-in "Demo sandbox" (NetSuite and Your App simulators) with its connections. */
  readonly demoSandbox?: boolean;
  /**
   * Continue runs a crash or quit interrupted (default true). Short-lived CLI commands turn it
   * off: they must not pick up, and then interrupt, the runs of an app using the same folder.
   */
  readonly resume?: boolean;
  /**
   * Execute runs in this many worker threads, so a run that computes never holds up the API,
   * the scheduler or the UI (`serve`: see defaultRunWorkers). 0 or absent: on this thread, which
   * short-lived hosts (CLI commands, most tests) prefer.
   */
  readonly runWorkers?: number;
  /**
   * `patchbay server`: runs are enqueued on BullMQ in this Redis and executed by `patchbay
   * worker` processes (engine/host/queue); `runWorkers` is then ignored.
   */
  readonly queue?: Omit<QueueExecutorOptions, 'events' | 'runs'>;
  /** Caps on steps and For Each nesting per run (tests pass small ones). */
  readonly runLimits?: Partial<RunLimits>;
  /**
   * Run history kept (default: the newest 200 runs per workflow, none older than 90 days); false
   * keeps everything. Pruned after each run, compacted at start.
   */
  readonly retention?: Partial<RetentionPolicy> | false;
}

export interface Engine {
  readonly dataDir: string;
  /** For hosts: never throws; errors come back as `{ ok: false, error }`. */
  dispatch(method: string, args: unknown): Promise<DispatchResult>;
  /** For in-process callers: typed, throws PatchbayError. */
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  subscribe(listener: EngineEventListener): () => void;
  /**
   * What to tell a client about an error raised around a call (the bridge's gate reading API keys
   * too): a PostgreSQL that went away says database_unavailable, secrets are redacted.
   */
  errorPayload(e: unknown): ErrorPayload;
  /**
   * Queues runs a crash or quit interrupted, to resume one at a time in the background. Hosts
   * that serve a UI create the engine with `resume: false` and call this once they listen.
   */
  resumeInterrupted(): void;
  /** Waits for running runs to finish (tests, CLI). */
  idle(): Promise<void>;
  close(): Promise<void>;
  /** Internal wiring, for hosts that add services; not part of the contract. */
  readonly context: EngineContext;
}

function localUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local user';
  }
}

/** The facade every host wraps: one data directory, one database, one runner. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const provider = options.keyProvider ?? fileKeyProvider(join(options.dataDir, 'secrets.key'));
  // Loaded once: run workers are handed it to decrypt connections themselves (it is never logged).
  const masterKey = await provider.loadKey();
  const box = await SecretBox.open({ description: provider.description, loadKey: async () => masterKey });
  const spec: DatabaseSpec = options.database ? { postgres: options.database } : { sqlite: join(options.dataDir, 'patchbay.db') };
  const opened = await openDatabaseSpec(spec);
  const { database } = opened;
  const events = new EventBus();
  const core = coreServices(database, box);
  const { services, connections, secrets, sandbox } = core;
  const runs = new RunsRepo(database);
  let executor: RunExecutor;
  if (options.queue) {
    const queue = new QueueExecutor({ ...options.queue, events, runs });
    secrets.onInvalidate(() => queue.secretsChanged());
    executor = queue;
  } else if (options.runWorkers) {
    const workers = new RunWorkers({ size: options.runWorkers, database: spec, key: masterKey, events, runs, ...(options.runLimits ? { limits: options.runLimits } : {}) });
    secrets.onInvalidate(() => workers.secretsChanged());
    executor = workers;
  } else {
    executor = localExecutor(database, core, events, options.runLimits);
  }
  const runner = new Runner({ runs, checkpoints: new CheckpointsRepo(database), loopItems: new LoopItemsRepo(database), events, executor });
  const repos: Repos = { ...designRepos(database, localUserName()), runs, state: new StateRepo(database) };
  const { workflows } = repos;
  const installations = new InstallationService(repos, runner, services);
  const scheduler = new Scheduler(() => scheduledJobs(repos, installations), (key, e) => {
    events.emit({ type: 'scheduler.error', key, message: e instanceof Error ? e.message : String(e) });
  });
  if (options.scheduler) scheduler.start(5000);
  const demo = options.demoSandbox ? await startDemoSandbox(connections) : null;
  await secrets.refresh();
  const context: EngineContext = { dataDir: options.dataDir, database, workflows, runs, runner, events, services, repos, installations, connections, secrets, demo,
    lifecycle: new LifecycleService(repos, installations, services, database), upgrades: new UpgradeService(database, repos, installations),
    apiKeys: new ApiKeys(new ApiKeysStore(database)), users: new Users(new UsersStore(database)), box };
  // Last, once every service is registered: continue runs a crash or quit interrupted (in the
  // background, one at a time).
  if (options.resume !== false) await runner.resumeInterrupted();
  const retention = options.retention === false ? null : { ...defaultRetention, ...options.retention };
  let pruneScheduled = false;
  let closed = false;
  const prune = async (compact: boolean): Promise<void> => {
    pruneScheduled = false;
    if (!retention || closed) return;
    try {
      await pruneRuns(database, retention);
      // Giving freed pages back to the disk is a SQLite file's concern; PostgreSQL's autovacuum
      // reuses the space of deleted rows on its own.
      if (compact && opened.sqlite && !closed) compactSqlite(opened.sqlite);
    } catch (e) {
      // Housekeeping never takes the engine down (e.g. another process holds the database).
      events.emit({ type: 'scheduler.error', key: 'retention', message: e instanceof Error ? e.message : String(e) });
    }
  };
  if (retention) {
    setImmediate(() => void prune(true));
    // After a run ends, its workflow's oldest runs beyond the limit go (once per burst of runs).
    events.subscribe((e) => {
      if (e.type !== 'run.finished' || pruneScheduled) return;
      pruneScheduled = true;
      setTimeout(() => void prune(false), 1000).unref();
    });
  }
  // A PostgreSQL that went away says so (database_unavailable), not "internal".
  const errorPayload = (e: unknown): ErrorPayload => secrets.redact(toErrorPayload(opened.asUnavailable(e)));
  return {
    dataDir: options.dataDir,
    context,
    errorPayload,
    dispatch: async (method, args) => {
      if (closed) return { ok: false, error: { code: 'internal', message: 'The engine is closed.' } };
      try {
        return { ok: true, result: await invoke(context, method, args) };
      } catch (e) {
        return { ok: false, error: errorPayload(e) };
      }
    },
    call: async <M extends MethodName>(method: M, args: MethodArgs<M>) => {
      if (closed) throw new PatchbayError('internal', 'The engine is closed.');
      try {
        return (await invoke(context, method, args)) as MethodResult<M>;
      } catch (e) {
        const payload = errorPayload(e);
        throw new PatchbayError(payload.code, payload.message, payload.details);
      }
    },
    resumeInterrupted: () => {
      // Called without waiting (the bridge, once listening): a failure (the database closed
      // meanwhile) is reported like the scheduler's, never left to take the process down.
      if (!closed) {
        runner.resumeInterrupted().catch((e: unknown) => {
          events.emit({ type: 'scheduler.error', key: 'resume', message: e instanceof Error ? e.message : String(e) });
        });
      }
    },
    subscribe: (listener) => events.subscribe((event) => listener(secrets.redact(event))),
    idle: () => runner.waitForAll(),
    close: async () => {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await runner.shutdown();
      sandbox.dispose();
      await demo?.close();
      await opened.close();
    },
  };
}
