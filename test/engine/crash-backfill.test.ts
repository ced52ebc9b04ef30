import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useBackfillSimulators } from '../../engine/testing/backfill-simulators';
import { tempDir } from '../../engine/testing/temp-engine';

// Exactly-once without the receiver's help: the engine is a real child process running the
// customer's backfill, killed with SIGKILL at random points (while fetching pages and while
// delivering); after each restart it resumes, and Your App, told to ignore Idempotency-Key,
// must end with every order created once.

const ORDERS = Number(process.env.CRASH_TEST_ORDERS ?? 1500);
const KILLS = Number(process.env.CRASH_TEST_KILLS ?? 5);
const CONCURRENCY = 4;
const child = fileURLToPath(new URL('../../engine/testing/backfill-child.ts', import.meta.url));

const sims = useBackfillSimulators(ORDERS);

function startEngine(dataDir: string, start: boolean): { proc: ChildProcess; exited: Promise<number | null> } {
  const targets = sims.targets();
  const proc = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', child, dataDir, ...(start ? ['start'] : [])], {
    env: { ...process.env, BACKFILL_TARGETS: JSON.stringify(targets), BACKFILL_PAGE_SIZE: '100' },
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
    try {
      // The first kill lands while pages are still being fetched.
      let engine = startEngine(dir.path, true);
      while (sims.ns.stats().requests < 3) await sleep(5);
      engine.proc.kill('SIGKILL');
      await engine.exited;
      let kills = 1;
      for (const point of points) {
        engine = startEngine(dir.path, false);
        while (sims.app.stats().ordersReceived < point) {
          if (engine.proc.exitCode !== null) break;
          await sleep(5);
        }
        engine.proc.kill('SIGKILL');
        await engine.exited;
        kills++;
      }
      engine = startEngine(dir.path, false);
      expect(await engine.exited).toBe(0);

      const stats = sims.app.stats();
      const detail = `seed ${seed}, kill points ${points.join(', ')}: ${JSON.stringify(stats)}`;
      expect(sims.app.orders(), detail).toHaveLength(ORDERS);
      expect(stats.ordersCreated, detail).toBe(ORDERS);
      // Exactly once: deliveries in flight at a kill are looked up in Your App after it, not sent again.
      expect(stats.ordersReceived, detail).toBe(ORDERS);
      expect(stats.ordersUpdated, detail).toBe(0);

      const db = new Database(join(dir.path, 'patchbay.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const run = db.prepare(`SELECT id, status FROM runs`).get() as { id: string; status: string };
        expect(run.status, detail).toBe('succeeded');
        // One journal row per delivery, plus one per lookup of an item in doubt after a kill:
        // finished items are not journaled again.
        const posts = db.prepare(`SELECT COUNT(*) AS n FROM steps WHERE run_id = ? AND block_id = 'post_order' AND status = 'succeeded'`).get(run.id) as { n: number };
        expect(posts.n, detail).toBeGreaterThanOrEqual(ORDERS);
        expect(posts.n, detail).toBeLessThanOrEqual(ORDERS + kills * CONCURRENCY);
      } finally {
        db.close();
      }
    } finally {
      dir.remove();
    }
  }, 240_000);
});
