import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useBackfillSimulators } from '../../engine/testing/backfill-simulators';
import { createEngine } from '../../engine/host/engine';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../engine/testing/temp-engine';

// Exactly-once without the receiver's help: the engine is a real child process running the
// customer's backfill, killed with SIGKILL at random points (while fetching pages and while
// delivering); after each restart it resumes, and Your App, told to ignore Idempotency-Key,
// must end with every order created once.

const ORDERS = Number(process.env.CRASH_TEST_ORDERS ?? 1500);
const KILLS = Number(process.env.CRASH_TEST_KILLS ?? 5);
const CONCURRENCY = 4;
const child = fileURLToPath(new URL('../../engine/testing/backfill-child.ts', import.meta.url));

const sims = useBackfillSimulators(ORDERS);

function startEngine(dataDir: string, db: TestEngineDatabase, start: boolean): { proc: ChildProcess; exited: Promise<number | null> } {
  const targets = sims.targets();
  const proc = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', child, dataDir, ...(start ? ['start'] : [])], {
    env: { ...process.env, BACKFILL_TARGETS: JSON.stringify(targets), BACKFILL_PAGE_SIZE: '100', ...(db.option.database ? { BACKFILL_DATABASE: db.option.database } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(stderr);
    resolve(code);
  }));
  return { proc, exited };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Seeded, so a failure names points that can be replayed (CRASH_TEST_SEED). */
function killPoints(seed: number): number[] {
  let s = seed;
  const next = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const points = new Set<number>();
  while (points.size < KILLS - 1) points.add(Math.floor(50 + next() * (ORDERS - 100)));
  return [...points].sort((a, b) => a - b);
}

describe('a backfill killed with SIGKILL', () => {
  it(`delivers each of ${ORDERS} orders once across ${KILLS} kills, and the database stays intact`, async () => {
    const seed = Number(process.env.CRASH_TEST_SEED ?? Date.now() % 100_000);
    const points = killPoints(seed);
    const dir = tempDir();
    const db = await testDatabase();
    try {
      // The first kill lands while pages are still being fetched.
      let engine = startEngine(dir.path, db, true);
      while (sims.ns.stats().requests < 3) await sleep(5);
      engine.proc.kill('SIGKILL');
      await engine.exited;
      let kills = 1;
      for (const point of points) {
        engine = startEngine(dir.path, db, false);
        while (sims.app.stats().ordersReceived < point) {
          if (engine.proc.exitCode !== null) break;
          await sleep(5);
        }
        engine.proc.kill('SIGKILL');
        await engine.exited;
        kills++;
      }
      engine = startEngine(dir.path, db, false);
      expect(await engine.exited).toBe(0);

      const stats = sims.app.stats();
      const detail = `seed ${seed}, kill points ${points.join(', ')}: ${JSON.stringify(stats)}`;
      expect(sims.app.orders(), detail).toHaveLength(ORDERS);
      expect(stats.ordersCreated, detail).toBe(ORDERS);
      // Exactly once: deliveries in flight at a kill are looked up in Your App after it, not sent again.
      expect(stats.ordersReceived, detail).toBe(ORDERS);
      expect(stats.ordersUpdated, detail).toBe(0);

      // A SQLite file can be torn by a kill mid-write; PostgreSQL recovers its own (no such check to run).
      if (!db.option.database) {
        const file = new Database(join(dir.path, 'patchbay.db'), { readonly: true });
        try {
          expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
        } finally {
          file.close();
        }
      }
      const reader = await createEngine({ dataDir: dir.path, resume: false, retention: false, ...db.option });
      try {
        const [run, ...others] = await reader.context.database.selectFrom('runs').select(['id', 'status']).execute();
        expect(others).toEqual([]);
        expect(run?.status, detail).toBe('succeeded');
        // One journal row per delivery, plus one per lookup of an item in doubt after a kill:
        // finished items are not journaled again.
        const posts = await reader.context.database.selectFrom('steps').select((eb) => eb.fn.countAll<number>().as('n'))
          .where('run_id', '=', run?.id ?? '').where('block_id', '=', 'post_order').where('status', '=', 'succeeded').executeTakeFirstOrThrow();
        expect(Number(posts.n), detail).toBeGreaterThanOrEqual(ORDERS);
        expect(Number(posts.n), detail).toBeLessThanOrEqual(ORDERS + kills * CONCURRENCY);
      } finally {
        await reader.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  }, 240_000);
});
