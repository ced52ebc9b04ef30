import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../engine/api';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { startRedis, type TempRedis } from '../../engine/testing/redis';
import { tempDir } from '../../engine/testing/temp-engine';
import { freshPostgresDatabase } from '../../engine/testing/test-database';
import { bridgeOf, startServer, startWorker, stopPatchbay, type Proc } from './patchbay-processes';

// Retries on queue workers (ARCHITECTURE.md, "Retries: which rule owns what"): a poison run, one
// that takes its worker process down at the same point every time, is not handed from worker to
// worker until BullMQ's attempts run out. The Runner's crash rule owns it: the worker that takes
// the job over after the first death resumes it and says so; the one after the second ends it
// `failed` with run_crashed_engine, naming the attempts made. Real processes, PostgreSQL, Redis.

let database: { url: string; drop(): Promise<void> };
let redis: TempRedis;
beforeAll(async () => {
  database = await freshPostgresDatabase();
  redis = await startRedis();
}, 60_000);
afterAll(async () => {
  await redis?.stop();
  await database?.drop();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sits in one step (no progress) until its worker is killed. */
const stuck: WorkflowDocInput = {
  name: 'Stuck',
  blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'wait', kind: 'delay', config: { ms: 600_000 } }],
  edges: [{ id: 'e1', from: 'trigger', to: 'wait', port: 'out' }],
};

async function until(what: string, ok: () => boolean | Promise<boolean>, detail: () => string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await ok()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting until ${what}\n${detail()}`);
}

describe('a poison run on queue workers', () => {
  it('killing its worker twice at the same point ends it failed with run_crashed_engine, told by the workers, instead of retrying on and on', async () => {
    const serverDir = tempDir();
    const workerDirs = [tempDir(), tempDir(), tempDir()];
    const procs: Proc[] = [];
    try {
      const server = startServer(serverDir.path, database.url, redis.url);
      procs.push(server);
      const call = await bridgeOf(server);
      for (const w of workerDirs) copyFileSync(join(serverDir.path, 'secrets.key'), join(w.path, 'secrets.key'));
      const first = startWorker(workerDirs[0]?.path ?? '', database.url, redis.url);
      procs.push(first);
      await first.ready;
      const run = await call<RunRecord>('runs.start', { doc: stuck });
      const detail = (): string => procs.map((p, i) => `${i === 0 ? 'server' : `worker ${i}`}: ${p.stderr()}`).join('\n');
      await until('the run waits in its Delay', async () => (await call<{ blockId: string }[]>('runs.steps', { runId: run.id })).some((s) => s.blockId === 'wait'), detail);
      const others = [startWorker(workerDirs[1]?.path ?? '', database.url, redis.url), startWorker(workerDirs[2]?.path ?? '', database.url, redis.url)];
      procs.push(...others);
      await Promise.all(others.map((w) => w.ready));

      first.proc.kill('SIGKILL');
      await until('a worker takes the run over', () => others.some((w) => /crash 1 of 2 at this point/.test(w.stderr())), detail);
      const second = others.find((w) => /crash 1 of 2/.test(w.stderr())) as Proc;
      const third = others.find((w) => w !== second) as Proc;
      expect(second.stderr()).toMatch(new RegExp(`run ${run.id}: the worker process executing it stopped \\(attempt 2 of 10; crash 1 of 2 at this point\\); it resumes`));
      await until('the run waits in its Delay again', async () => (await call<RunRecord>('runs.get', { id: run.id })).status === 'running', detail);
      expect((await call<RunRecord>('runs.get', { id: run.id })).status).toBe('running');

      second.proc.kill('SIGKILL');
      let finished = await call<RunRecord>('runs.get', { id: run.id });
      await until('the run ends', async () => {
        finished = await call<RunRecord>('runs.get', { id: run.id });
        return !['queued', 'running'].includes(finished.status);
      }, detail);
      expect(finished, detail()).toMatchObject({ status: 'failed', error: { code: 'run_crashed_engine', details: { attempts: 3 } } });
      expect(finished.error?.message).toMatch(/stopped 2 times in a row while this run was at the same point/);
      expect(third.stderr(), detail()).toMatch(new RegExp(`run ${run.id}: the worker process executing it stopped again at the same point \\(attempt 3 of 10\\); it ends failed with run_crashed_engine`));
    } finally {
      await Promise.all(procs.map(stopPatchbay));
      serverDir.remove();
      for (const w of workerDirs) w.remove();
    }
  }, 240_000);
});
