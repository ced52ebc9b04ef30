import type { Kysely, KyselyPlugin } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StepRecord } from '../api/records';
import { startPostgres, type TempPostgres } from '../testing/postgres';
import { tempDir } from '../testing/temp-engine';
import { CheckpointsRepo } from './checkpoints-repo';
import { openDatabase } from './db';
import { postgresKysely, sqliteKysely } from './kysely';
import { LoopItemsRepo } from './loop-items-repo';
import { openPostgresPool } from './postgres';
import { pruneRuns } from './retention';
import { RunsRepo } from './runs-repo';
import { StateRepo } from './state-repo';
import type { Tables } from './tables';

// The run-volume repositories on both dialects: the same code on a SQLite file (the desktop) and on
// a throwaway PostgreSQL (the production server), where concurrent starts really run in parallel.

let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function open(dialect: 'sqlite' | 'postgres'): Promise<Kysely<Tables>> {
  if (dialect === 'sqlite') {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'patchbay.db'));
    const k = sqliteKysely(db);
    cleanups.push(async () => {
      await k.destroy();
      db.close();
      dir.remove();
    });
    return k;
  }
  // pool.end() settles before its sockets have closed: the cluster stopping then is no error.
  const pool = await openPostgresPool(await cluster.database(), () => undefined);
  const k = postgresKysely(pool);
  cleanups.push(() => k.destroy());
  return k;
}

async function installation(k: Kysely<Tables>, id: string, customer: string): Promise<void> {
  const at = '2026-11-30T00:00:00.000Z';
  await k.insertInto('integrations').values({ id: `int-${id}`, name: 'Order Sync', created_at: at, updated_at: at }).execute();
  await k.insertInto('installations').values({ id, integration_id: `int-${id}`, customer_name: customer, status: 'installed', created_at: at, updated_at: at }).execute();
}

/**
 * Each query's answer arrives a moment late, so two starts issued together both get to their
 * check before either inserts, unless something makes the second wait for the first.
 */
const lateAnswers: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    await sleep(30);
    return args.result;
  },
};

const live = (id: string, installationId: string | null, startedAt = new Date().toISOString()) => ({
  id, workflowId: 'wf', workflowName: 'Fetch Historical Orders', docJson: '{}', mode: 'live' as const, input: { since: 'then' }, startedAt, installationId,
});

function step(runId: string, seq: number, output: unknown, over: Partial<StepRecord> = {}): StepRecord & { seq: number; port: string | null } {
  return {
    id: `${runId}:${seq}`, runId, seq, blockId: `b${seq}`, blockKind: 'log', iteration: null, iterationPath: null, attempt: 1, status: 'succeeded',
    input: null, output, error: null, startedAt: '2026-11-30T00:00:00.000Z', finishedAt: '2026-11-30T00:00:01.000Z', durationMs: 1000, port: 'out', ...over,
  };
}

describe.each(['sqlite', 'postgres'] as const)('runs, checkpoints, loop items and state on %s', (dialect) => {
  it('lets only one of two simultaneous live starts of a workflow through, naming the run that holds it', async () => {
    const k = await open(dialect);
    await installation(k, 'acme', 'Acme');
    const runs = new RunsRepo(k.withPlugin(lateAnswers));
    const results = await Promise.allSettled([runs.create(live('r1', 'acme')), runs.create(live('r2', 'acme'))]);
    const started = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatchObject({ code: 'run_in_progress', message: expect.stringContaining('for Acme') });
    expect(await runs.listForInstallation('acme', 10)).toHaveLength(1);
    // A test sync is not held, and once the live run finished another may start.
    await runs.create({ ...live('t1', 'acme'), mode: 'test' });
    const holder = started[0]?.status === 'fulfilled' ? started[0].value.id : '';
    await runs.finish(holder, 'succeeded', new Date().toISOString(), null, null);
    expect((await runs.create(live('r3', 'acme'))).customerName).toBe('Acme');
    expect(await runs.hasSucceededLive('acme', 'wf')).toBe(true);
  });

  it('journals steps with large payloads stored once, and a re-run takes over finished steps, pages and items', async () => {
    const k = await open(dialect);
    const runs = new RunsRepo(k);
    await runs.create(live('r1', null));
    const big = { orders: 'x'.repeat(40_000) };
    await runs.appendSteps([step('r1', 0, big), step('r1', 1, big, { blockKind: 'for_each' }), step('r1', 2, { n: 1 }, { iteration: 0, iterationPath: '0' })]);
    expect((await runs.get('r1')).stepCount).toBe(3);
    expect((await k.selectFrom('payloads').select('hash').execute())).toHaveLength(1);
    expect((await runs.steps('r1')).map((s) => s.output)).toEqual([big, big, { n: 1 }]);
    expect((await runs.steps('r1', 0, 1)).map((s) => s.id)).toEqual(['r1:1']);
    expect(await runs.nextSeq('r1')).toBe(3);

    const checkpoints = new CheckpointsRepo(k);
    await checkpoints.append('r1', 'fetch', null, { page: 0 });
    await checkpoints.append('r1', 'fetch', null, { page: 1 });
    const items = new LoopItemsRepo(k);
    await items.insertMany([{ runId: 'r1', blockId: 'loop', path: null, index: 0, result: '"first"' }]);
    await items.insertMany([{ runId: 'r1', blockId: 'loop', path: null, index: 0, result: '"again"' }, { runId: 'r1', blockId: 'loop', path: null, index: 1, result: null }]);
    await runs.finish('r1', 'failed', new Date().toISOString(), { code: 'http_error', message: 'Your App said 500' }, null);

    await runs.create({ ...live('r2', null), rootRunId: 'r1' });
    expect(await runs.copyCompletedTopLevel('r1', 'r2', ['for_each'])).toBe(1);
    await checkpoints.move('r1', 'r2');
    await items.move('r1', 'r2');
    expect(await runs.completedTopLevel('r2')).toEqual([{ blockId: 'b0', blockKind: 'log', output: big, port: 'out', seq: 0, summarized: false }]);
    expect(await checkpoints.load('r2', 'fetch', null)).toEqual([{ page: 0 }, { page: 1 }]);
    expect(await items.finished('r2', 'loop', null)).toEqual(new Map([[0, 'again'], [1, null]]));
    expect((await runs.crashInfo('r2')).stepCount + (await checkpoints.count('r2')) + (await items.count('r2'))).toBe(5);
    expect((await runs.resumeInfo('r2')).rootRunId).toBe('r1');
    await checkpoints.clear('r2');
    await items.clear('r2');
    expect(await checkpoints.count('r2')).toBe(0);
    expect(await items.count('r2')).toBe(0);
  });

  it('journals a batch of any size whole and in order', async () => {
    const k = await open(dialect);
    const runs = new RunsRepo(k);
    await runs.create(live('r1', null));
    // 300 rows: statements of 256, 32, 8 and 4 rows.
    await runs.appendSteps(Array.from({ length: 300 }, (_, i) => step('r1', i, { i }, { iteration: i, iterationPath: String(i) })));
    const steps = await runs.steps('r1');
    expect(steps.map((s) => s.output)).toEqual(Array.from({ length: 300 }, (_, i) => ({ i })));
    expect(steps[299]).toMatchObject({ id: 'r1:299', iteration: 299, iterationPath: '299', durationMs: 1000 });
    expect((await runs.get('r1')).stepCount).toBe(300);
  });

  it("keeps a workflow's state across writes and prunes old runs with the payloads only they used", async () => {
    const k = await open(dialect);
    const state = new StateRepo(k);
    await state.write('acme:wf', { watermark: '2026-11-01', recent: { 1001: 'a' } });
    await state.write('acme:wf', { watermark: '2026-11-02' });
    expect(await state.read('acme:wf')).toEqual({ watermark: '2026-11-02', recent: { 1001: 'a' } });

    const runs = new RunsRepo(k);
    const day = (n: number): string => new Date(Date.UTC(2026, 10, n)).toISOString();
    for (let i = 1; i <= 4; i++) {
      await runs.create({ ...live(`r${i}`, null, day(i)), mode: 'test' });
      await runs.appendSteps([step(`r${i}`, 0, { orders: 'y'.repeat(20_000), run: i })]);
      await runs.finish(`r${i}`, 'succeeded', day(i), null, null);
    }
    expect(await pruneRuns(k, { keepRunsPerWorkflow: 2, maxAgeDays: 90 }, { now: new Date(Date.UTC(2026, 10, 30)) })).toEqual({ runs: 2, payloads: 2 });
    expect((await runs.list('wf', 10)).map((r) => r.id)).toEqual(['r4', 'r3']);
    expect((await runs.steps('r3'))[0]?.output).toMatchObject({ run: 3 });
  });

  it("prunes each customer's runs on their own and keeps the run proving a backfill finished, however old", async () => {
    const k = await open(dialect);
    await installation(k, 'acme', 'Acme');
    await installation(k, 'globex', 'Globex');
    const runs = new RunsRepo(k);
    const day = (n: number): string => new Date(Date.UTC(2026, 10, n)).toISOString();
    const run = async (id: string, installationId: string, mode: 'live' | 'test', status: 'succeeded' | 'failed', at: string) => {
      await runs.create({ ...live(id, installationId, at), mode });
      await runs.finish(id, status, at, null, null);
    };
    await run('acme-backfill', 'acme', 'live', 'succeeded', '2025-01-01T00:00:00.000Z');
    for (let i = 2; i <= 4; i++) await run(`acme-test-${i}`, 'acme', 'test', 'succeeded', day(i));
    await run('acme-retry', 'acme', 'live', 'failed', day(5));
    for (let i = 6; i <= 9; i++) await run(`globex-test-${i}`, 'globex', 'test', 'succeeded', day(i));

    expect(await pruneRuns(k, { keepRunsPerWorkflow: 2, maxAgeDays: 90 }, { now: new Date(Date.UTC(2026, 10, 30)) })).toMatchObject({ runs: 4 });
    expect((await runs.listForInstallation('acme', 10)).map((r) => r.id)).toEqual(['acme-retry', 'acme-test-4', 'acme-backfill']);
    expect((await runs.listForInstallation('globex', 10)).map((r) => r.id)).toEqual(['globex-test-9', 'globex-test-8']);
    expect(await runs.hasSucceededLive('acme', 'wf')).toBe(true);
  });
});
