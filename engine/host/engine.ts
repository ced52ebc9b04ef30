import { join } from 'node:path';
import type { MethodArgs, MethodName, MethodResult } from '../api/contract';
import { PatchbayError } from '../api/errors';
import type { EngineEventListener } from '../api/events';
import { EventBus } from '../runtime/event-bus';
import { Runner } from '../runtime/runner';
import { ServiceRegistry } from '../runtime/services';
import { openDatabase } from '../storage/db';
import { RunsRepo } from '../storage/runs-repo';
import { StateRepo } from '../storage/state-repo';
import { WorkflowsRepo } from '../storage/workflows-repo';
import { ActivityRepo } from '../storage/activity-repo';
import { ForksRepo } from '../storage/forks-repo';
import { InstallationsRepo } from '../storage/installations-repo';
import { IntegrationsRepo } from '../storage/integrations-repo';
import { InstallationService } from '../installations/service';
import { scheduledJobs } from '../installations/scheduled-jobs';
import { Scheduler } from '../runtime/scheduler';
import { createSandbox } from '../sandbox/sandbox';
import { sandboxServiceKey } from '../sandbox/service';
import type { Repos } from '../installations/repos';
import { userInfo } from 'node:os';
import type { EngineContext } from './context';
import { dispatch, invoke, type DispatchResult } from './dispatch';

export interface EngineOptions {
  readonly dataDir: string;
  /** Fire schedule (poll) triggers of installed workflows; the app and `serve` turn it on. */
  readonly scheduler?: boolean;
}

export interface Engine {
  readonly dataDir: string;
  /** For hosts: never throws; errors come back as `{ ok: false, error }`. */
  dispatch(method: string, args: unknown): Promise<DispatchResult>;
  /** For in-process callers: typed, throws PatchbayError. */
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  subscribe(listener: EngineEventListener): () => void;
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
export function createEngine(options: EngineOptions): Engine {
  const db = openDatabase(join(options.dataDir, 'patchbay.db'));
  const events = new EventBus();
  const services = new ServiceRegistry();
  const sandbox = createSandbox();
  services.provide(sandboxServiceKey, sandbox);
  const runs = new RunsRepo(db);
  const installationsRepo = new InstallationsRepo(db);
  const runner = new Runner({
    runs, state: new StateRepo(db), events, services,
    installationInfo: (id) => {
      const row = installationsRepo.get(id);
      return { id: row.id, customerName: row.customerName, config: row.config };
    },
  });
  const workflows = new WorkflowsRepo(db);
  const repos: Repos = {
    workflows, runs, integrations: new IntegrationsRepo(db), installations: installationsRepo, forks: new ForksRepo(db),
    activity: new ActivityRepo(db, localUserName()),
  };
  const installations = new InstallationService(repos, runner, services);
  const scheduler = new Scheduler(() => scheduledJobs(repos, installations), (key, e) => {
    events.emit({ type: 'scheduler.error', key, message: e instanceof Error ? e.message : String(e) });
  });
  if (options.scheduler) scheduler.start(5000);
  const context: EngineContext = { dataDir: options.dataDir, db, workflows, runs, runner, events, services, repos, installations };
  // Last, once every service is registered: continue runs a crash or quit interrupted.
  runner.resumeInterrupted();
  let closed = false;
  return {
    dataDir: options.dataDir,
    context,
    dispatch: (method, args) => {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The engine is closed.' } });
      return dispatch(context, method, args);
    },
    call: async <M extends MethodName>(method: M, args: MethodArgs<M>) => {
      if (closed) throw new PatchbayError('internal', 'The engine is closed.');
      return (await invoke(context, method, args)) as MethodResult<M>;
    },
    subscribe: (listener) => events.subscribe(listener),
    idle: () => runner.waitForAll(),
    close: async () => {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await runner.shutdown();
      sandbox.dispose();
      db.close();
    },
  };
}
