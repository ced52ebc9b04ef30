import { Queue, Worker } from 'bullmq';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../api/events';
import type { WorkflowDocInput } from '../../model/workflow';
import { ActivityRepo } from '../../storage/activity-repo';
import { InstallationsRepo } from '../../storage/installations-repo';
import { IntegrationsRepo } from '../../storage/integrations-repo';
import { RunsRepo } from '../../storage/runs-repo';
import { startRedis, type TempRedis } from '../../testing/redis';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import { createEngine, type Engine } from '../engine';
import { runnableDoc } from '../../runtime/runnable-doc';
import { refusal, RUNS_QUEUE, runJobData, SCHEMA_VERSION } from './job';
import { bullConnection, redisClient } from './redis';
import { startQueueWorker, type QueueWorker } from './worker';

// The production runner in one process: a server engine enqueuing on a real Redis and a queue
// worker (with its run-worker threads) on the same database (the data directory's SQLite file,
// or the same PostgreSQL database in the PostgreSQL run).

let redis: TempRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(async () => {
  await redis.stop();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Target {
  readonly dataDir: string;
  readonly option: TestEngineDatabase['option'];
}

async function server(): Promise<{ engine: Engine; target: Target; events: EngineEvent[] }> {
  const dir = tempDir();
  const db = await testDatabase();
  const engine = await createEngine({ dataDir: dir.path, ...db.option, queue: { url: redis.url }, retention: false });
  // Each test its own queue contents: the Redis is shared by the file.
  const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
  await queue.obliterate({ force: true });
  await queue.close();
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  cleanups.push(async () => {
    await engine.close();
    await db.drop();
    dir.remove();
  });
  return { engine, target: { dataDir: dir.path, option: db.option }, events };
}

/** A server to close and start again on the same data folder and database, with an empty queue. */
async function serverToRestart(): Promise<{ first: Engine; queue: Queue; target: Target; restart: () => Promise<Engine> }> {
  const dir = tempDir();
  const db = await testDatabase();
  cleanups.push(async () => {
    await db.drop();
    dir.remove();
  });
  const open = (): Promise<Engine> => createEngine({ dataDir: dir.path, ...db.option, queue: { url: redis.url }, retention: false });
  const first = await open();
  const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
  cleanups.push(() => queue.close());
  await queue.obliterate({ force: true });
  const restart = async (): Promise<Engine> => {
    const engine = await open();
    cleanups.push(() => engine.close());
    return engine;
  };
  return { first, queue, target: { dataDir: dir.path, option: db.option }, restart };
}

async function worker(target: Target, log: string[] = [], concurrency = 4): Promise<QueueWorker> {
  const w = await startQueueWorker({ url: redis.url, dataDir: target.dataDir, ...target.option, threads: 1, concurrency, log: (line) => log.push(line) });
  cleanups.push(() => w.close());
  return w;
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

const delayDoc = (ms: number): WorkflowDocInput => ({
  name: 'Wait a little',
  blocks: [
    { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
    { id: 'wait', kind: 'delay', config: { ms } },
  ],
  edges: [{ id: 'e1', from: 'trigger', to: 'wait', port: 'out' }],
});

async function waitingJobs(): Promise<number> {
  const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
  try {
    return (await queue.getJobCounts('wait')).wait ?? 0;
  } finally {
    await queue.close();
  }
}

describe('patchbay server with queue workers', () => {
  it('enqueues a run, which a worker executes; the server sees its events and journal as from a local run', async () => {
    const { engine, target, events } = await server();
    const run = await engine.call('runs.start', { doc: delayDoc(20) });
    // No worker yet: the run waits on the queue.
    expect(await waitingJobs()).toBe(1);
    expect((await engine.call('runs.get', { id: run.id })).status).toBe('running');
    await worker(target);
    await engine.idle();
    expect((await engine.call('runs.get', { id: run.id })).status).toBe('succeeded');
    const types = events.filter((e) => 'run' in e ? e.run.id === run.id : 'step' in e && e.step.runId === run.id).map((e) => `${e.type}${'step' in e ? `:${e.step.blockId}` : ''}`);
    expect(types).toEqual(expect.arrayContaining(['run.started', 'step.started:wait', 'step.finished:wait', 'run.finished']));
    expect(types.at(-1)).toBe('run.finished');
    const steps = await engine.call('runs.steps', { runId: run.id });
    expect(steps.map((s) => s.blockId)).toEqual(['trigger', 'wait']);
  });

  it('cancels a run on the worker executing it', async () => {
    const { engine, target, events } = await server();
    await worker(target);
    const run = await engine.call('runs.start', { doc: delayDoc(60_000) });
    await waitFor(() => events.some((e) => e.type === 'step.started' && e.step.blockId === 'wait'));
    const cancelled = await engine.call('runs.cancel', { id: run.id });
    expect(cancelled.status).toBe('cancelled');
  });

  it('cancels a run still waiting for a worker without any worker', async () => {
    const { engine } = await server();
    const run = await engine.call('runs.start', { doc: delayDoc(10) });
    expect((await engine.call('runs.cancel', { id: run.id })).status).toBe('cancelled');
    expect(await waitingJobs()).toBe(0);
  });

  it('leaves a job a newer Patchbay enqueued to a newer worker: says so once, the run shows why it waits, a newer worker takes it at once', async () => {
    const { engine, target } = await server();
    const runs = new RunsRepo(engine.context.database);
    await runs.create({ id: 'r-new', workflowId: null, workflowName: 'From the future', docJson: JSON.stringify(delayDoc(1)), mode: 'test', input: null, startedAt: new Date().toISOString(), installationId: null });
    const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
    cleanups.push(() => queue.close());
    await queue.add('run', { ...runJobData('r-new', false), patchbayVersion: '99.0.0' }, { jobId: 'r-new' });
    const log: string[] = [];
    await worker(target, log);
    await vi.waitFor(async () => expect((await runs.get('r-new')).status).toBe('queued'), { timeout: 10_000 });
    expect((await engine.call('runs.get', { id: 'r-new' })).error).toMatchObject({
      code: 'worker_too_old', message: expect.stringContaining(`Waiting for a worker of Patchbay ≥ 99.0.0 (database schema ≥ ${SCHEMA_VERSION})`),
    });
    // Handed back due now, not after a pause: the next worker that looks may take it.
    const state = await queue.getJobState('r-new');
    if (state === 'delayed') {
      const client = redisClient({ url: redis.url });
      const score = await client.zscore(`bull:${RUNS_QUEUE}:delayed`, 'r-new').finally(() => client.disconnect());
      expect(score).not.toBeNull();
      expect(Math.floor(Number(score) / 0x1000)).toBeLessThanOrEqual(Date.now());
    } else expect(state).toBe('wait');

    const newer = await startQueueWorker({ url: redis.url, dataDir: target.dataDir, ...target.option, threads: 1, log: () => undefined, version: { patchbayVersion: '99.0.0', schemaVersion: SCHEMA_VERSION } });
    cleanups.push(() => newer.close());
    await vi.waitFor(async () => expect((await runs.get('r-new')).status).toBe('succeeded'), { timeout: 20_000 });
    expect((await runs.get('r-new')).error).toBeNull();
    const told = log.filter((l) => l.includes('worker_too_old'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('needs Patchbay 99.0.0');
  });

  it('drops a job whose installation was uninstalled meanwhile, with an activity entry', async () => {
    const { engine, target, events } = await server();
    const { database } = engine.context;
    const integration = await new IntegrationsRepo(database).create('Order Sync', '', []);
    const installations = new InstallationsRepo(database);
    const installation = await installations.create(integration.id, 'Acme', null, {});
    const runs = new RunsRepo(database);
    await runs.create({ id: 'r-gone', workflowId: null, workflowName: 'Sync', docJson: JSON.stringify(delayDoc(1)), mode: 'live', input: null, startedAt: new Date().toISOString(), installationId: installation.id });
    await installations.update(installation.id, { status: 'uninstalled' });
    const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
    cleanups.push(() => queue.close());
    await queue.add('run', runJobData('r-gone', false), { jobId: 'r-gone' });
    await worker(target);
    await waitFor(() => events.some((e) => e.type === 'run.finished' && e.run.id === 'r-gone'));
    const run = await engine.call('runs.get', { id: 'r-gone' });
    expect(run.status).toBe('cancelled');
    expect(run.error?.code).toBe('installation_uninstalled');
    expect((await new ActivityRepo(database, 'test').list(installation.id)).map((a) => a.action)).toContain('run_dropped');
    expect(await runs.steps('r-gone')).toHaveLength(0);
  });
});

describe('uninstalling an installation', () => {
  const logThenWait: WorkflowDocInput = {
    name: 'Log, then wait',
    blocks: [
      { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
      { id: 'note', kind: 'log', config: { message: 'started' } },
      { id: 'wait', kind: 'delay', config: { ms: 60_000 } },
    ],
    edges: [{ id: 'e1', from: 'trigger', to: 'note', port: 'out' }, { id: 'e2', from: 'note', to: 'wait', port: 'out' }],
  };

  it('cancels its run live on the queue worker executing it, saying how far it got', async () => {
    const { engine, target, events } = await server();
    const { database } = engine.context;
    const integration = await new IntegrationsRepo(database).create('Order Sync', '', []);
    const installation = await new InstallationsRepo(database).create(integration.id, 'Acme', null, {});
    await worker(target);
    const { run } = await engine.context.runner.start({
      doc: runnableDoc(logThenWait), workflowId: null, input: null, mode: 'test',
      installation: { id: installation.id, customerName: 'Acme', config: {}, connections: {} },
    });
    await waitFor(() => events.some((e) => e.type === 'step.started' && e.step.runId === run.id && e.step.blockId === 'wait'));
    await engine.call('installations.uninstall', { id: installation.id });
    await waitFor(() => events.some((e) => e.type === 'run.finished' && e.run.id === run.id && e.run.error?.code === 'installation_uninstalled'));
    const ended = await engine.call('runs.get', { id: run.id });
    expect(ended.status).toBe('cancelled');
    expect(ended.error?.message).toBe("Acme's installation was uninstalled while this run was under way: it stopped after 2 finished steps. What those steps wrote stays written; nothing after them ran.");
    await vi.waitFor(async () => expect((await new ActivityRepo(database, 'test').list(installation.id)).map((a) => a.action)).toContain('run_cancelled'));
  });

  it('says how far a dropped job had got when an earlier attempt had progressed, not that it did not run', async () => {
    const { engine, target, events } = await server();
    const { database } = engine.context;
    const integration = await new IntegrationsRepo(database).create('Order Sync', '', []);
    const installations = new InstallationsRepo(database);
    const installation = await installations.create(integration.id, 'Acme', null, {});
    const runs = new RunsRepo(database);
    await runs.create({ id: 'r-half', workflowId: null, workflowName: 'Sync', docJson: JSON.stringify(delayDoc(1)), mode: 'live', input: null, startedAt: new Date().toISOString(), installationId: installation.id });
    // An earlier attempt on a worker finished three steps before that worker went away.
    const at = new Date().toISOString();
    await runs.appendSteps([0, 1, 2].map((seq) => ({
      id: `r-half-${seq}`, runId: 'r-half', blockId: `b${seq}`, blockKind: 'log', iteration: null, iterationPath: null, attempt: 1,
      status: 'succeeded' as const, input: null, output: null, error: null, startedAt: at, finishedAt: at, durationMs: 0, seq,
    })));
    await installations.update(installation.id, { status: 'uninstalled' });
    const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
    cleanups.push(() => queue.close());
    await queue.add('run', runJobData('r-half', true), { jobId: 'r-half' });
    await worker(target);
    await waitFor(() => events.some((e) => e.type === 'run.finished' && e.run.id === 'r-half'));
    const run = await engine.call('runs.get', { id: 'r-half' });
    expect(run.error?.code).toBe('installation_uninstalled');
    expect(run.error?.message).toContain('while this run was under way: it stopped after 3 finished steps');
  });
});

describe('a Redis outage', () => {
  it('is told once when Redis goes away and once when it is back, by the server and by each worker, however often they retry', async () => {
    const own = await startRedis();
    let restarted: TempRedis | null = null;
    cleanups.push(async () => {
      await own.stop();
      await restarted?.stop();
    });
    const dir = tempDir();
    const db = await testDatabase();
    cleanups.push(async () => {
      await db.drop();
      dir.remove();
    });
    const serverLog: string[] = [];
    const engine = await createEngine({ dataDir: dir.path, ...db.option, queue: { url: own.url, log: (line) => serverLog.push(line) }, retention: false });
    cleanups.push(() => engine.close());
    const workerLog: string[] = [];
    const w = await startQueueWorker({ url: own.url, dataDir: dir.path, ...db.option, threads: 1, log: (line) => workerLog.push(line) });
    cleanups.push(() => w.close());

    await own.stop();
    await waitFor(() => serverLog.some((l) => l.includes('is not answering')) && workerLog.some((l) => l.includes('is not answering')));
    // Several reconnects of every client (one a second) happen while it is away.
    await new Promise((r) => setTimeout(r, 4000));
    restarted = await startRedis({ port: own.port });
    await waitFor(() => serverLog.some((l) => l.includes('answers again')) && workerLog.some((l) => l.includes('answers again')));

    for (const [who, lines] of [['patchbay server', serverLog], ['patchbay worker', workerLog]] as const) {
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^${who}: Redis at redis://127\\.0\\.0\\.1:${own.port} is not answering \\(.+\\); retrying every 1 s\\.`)),
        expect.stringMatching(new RegExp(`^${who}: Redis at redis://127\\.0\\.0\\.1:${own.port} answers again`)),
      ]);
    }
  });
});

describe("a worker without the server's secrets key", () => {
  it('refuses to start with secrets_key_missing, saying where it looked, and makes no key of its own', async () => {
    const { target } = await server();
    const empty = tempDir();
    cleanups.push(async () => empty.remove());
    const started = startQueueWorker({ url: redis.url, dataDir: empty.path, ...target.option, threads: 1, log: () => undefined });
    const where = join(empty.path, 'secrets.key');
    await expect(started).rejects.toMatchObject({ code: 'secrets_key_missing', message: expect.stringContaining(`There is no secrets key at ${where}. `) });
    await expect(started).rejects.toMatchObject({ message: expect.stringContaining('--secrets-key') });
    expect(existsSync(where)).toBe(false);
  });

  it("starts with --secrets-key pointing at the server's key and runs what the server enqueued", async () => {
    const { engine, target } = await server();
    const empty = tempDir();
    cleanups.push(async () => empty.remove());
    const w = await startQueueWorker({ url: redis.url, dataDir: empty.path, secretsKey: join(target.dataDir, 'secrets.key'), ...target.option, threads: 1, log: () => undefined });
    cleanups.push(() => w.close());
    if (!target.option.database) return; // SQLite: the worker's empty data dir holds no database to run from.
    const run = await engine.call('runs.start', { doc: delayDoc(1) });
    await engine.idle();
    expect((await engine.call('runs.get', { id: run.id })).status).toBe('succeeded');
  });
});

describe('a server restart', () => {
  it('hands every interrupted run to the queue at once, even when Redis lost their jobs', async () => {
    const { first, queue, target, restart } = await serverToRestart();
    const long = await first.call('runs.start', { doc: delayDoc(60_000) });
    const short = await first.call('runs.start', { doc: delayDoc(10) });
    await first.close();
    await queue.obliterate({ force: true });

    const engine = await restart();
    const events: EngineEvent[] = [];
    engine.subscribe((e) => events.push(e));
    await worker(target, [], 2);
    // The short run finishes while the long one still runs: it was not kept waiting behind it.
    await waitFor(() => events.some((e) => e.type === 'run.finished' && e.run.id === short.id));
    expect((await engine.call('runs.get', { id: short.id })).status).toBe('succeeded');
    expect((await engine.call('runs.get', { id: long.id })).status).toBe('running');
    expect((await engine.call('runs.cancel', { id: long.id })).status).toBe('cancelled');
  });
});

describe('a job BullMQ gives up', () => {
  /** Fails the run's job once, as its last attempt, the way a worker that cannot execute it would. */
  async function failJob(runId: string): Promise<void> {
    const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redis.url }) });
    cleanups.push(() => queue.close());
    await queue.add('run', runJobData(runId, false), { jobId: runId, attempts: 1 });
    const failing = new Worker(RUNS_QUEUE, () => Promise.reject(new Error('its thread could not start')), { connection: bullConnection({ url: redis.url }) });
    await vi.waitFor(async () => expect(await queue.getJobState(runId)).toBe('failed'), { timeout: 10_000 });
    await failing.close();
  }

  const newRun = (runs: RunsRepo, id: string): Promise<unknown> =>
    runs.create({ id, workflowId: null, workflowName: 'Given up', docJson: JSON.stringify(delayDoc(1)), mode: 'test', input: null, startedAt: new Date().toISOString(), installationId: null });

  it('ends its run failed with run_retries_exhausted, saying how often and why, rather than leaving it waiting', async () => {
    const { engine, events } = await server();
    const runs = new RunsRepo(engine.context.database);
    await newRun(runs, 'r-spent');
    await failJob('r-spent');
    await waitFor(() => events.some((e) => e.type === 'run.finished' && e.run.id === 'r-spent'));
    expect(await engine.call('runs.get', { id: 'r-spent' })).toMatchObject({
      status: 'failed',
      error: { code: 'run_retries_exhausted', message: expect.stringContaining('started this run 1 times without seeing it to an end (last: its thread could not start)'), details: { attempts: 1 } },
    });
  });

  it('ends it so too when the server was not listening, at the next start, instead of enqueuing it again', async () => {
    const { first, restart } = await serverToRestart();
    await newRun(new RunsRepo(first.context.database), 'r-missed');
    await first.close();
    await failJob('r-missed');

    const engine = await restart();
    await vi.waitFor(async () => expect((await engine.call('runs.get', { id: 'r-missed' })).status).toBe('failed'), { timeout: 10_000 });
    expect((await engine.call('runs.get', { id: 'r-missed' })).error?.code).toBe('run_retries_exhausted');
  });
});

describe('refusal', () => {
  const own = { patchbayVersion: '1.4.2', schemaVersion: 13 };
  it('accepts jobs from the same or an older server', () => {
    expect(refusal({ ...runJobData('r', false), patchbayVersion: '1.4.2', schemaVersion: 13 }, own)).toBeNull();
    expect(refusal({ ...runJobData('r', false), patchbayVersion: '1.3.9', schemaVersion: 12 }, own)).toBeNull();
  });
  it('refuses a newer Patchbay or schema, naming both versions', () => {
    expect(refusal({ ...runJobData('r', false), patchbayVersion: '1.10.0', schemaVersion: 13 }, own)).toContain('needs Patchbay 1.10.0');
    expect(refusal({ ...runJobData('r', false), patchbayVersion: '1.4.2', schemaVersion: 14 }, own)).toContain('database schema 14');
  });
});
