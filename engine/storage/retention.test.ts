import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-engine';
import { openTestDatabase } from '../testing/test-database';
import { openDatabase } from './db';
import { sqliteKysely } from './kysely';
import { compactSqlite, pruneRuns } from './retention';
import { RunsRepo } from './runs-repo';

describe('run retention', () => {
  it('keeps the newest runs per workflow and recent ones, never a running one, and drops their journal and payloads', async () => {
    const t = await openTestDatabase();
    try {
      const { database } = t;
      const runs = new RunsRepo(database);
      const day = (n: number): string => new Date(Date.UTC(2026, 10, n)).toISOString();
      const big = { orders: 'x'.repeat(40_000) };
      for (let i = 1; i <= 6; i++) {
        const id = `w1-${i}`;
        await runs.create({ id, workflowId: 'w1', workflowName: 'Backfill', docJson: '{}', mode: 'live', input: null, startedAt: day(i) });
        await runs.appendSteps([{ id: `${id}:0`, runId: id, seq: 0, blockId: 'fetch', blockKind: 'netsuite_fetch_orders', iteration: null, iterationPath: null, attempt: 1,
          status: 'succeeded', input: null, output: { ...big, run: i }, error: null, startedAt: day(i), finishedAt: day(i), durationMs: 1 }]);
        if (i !== 1) await runs.finish(id, 'succeeded', day(i), null, null);
      }
      await runs.create({ id: 'old', workflowId: 'w2', workflowName: 'Other', docJson: '{}', mode: 'live', input: null, startedAt: '2025-01-01T00:00:00.000Z' });
      await runs.finish('old', 'failed', '2025-01-01T00:00:00.000Z', null, null);

      const result = await pruneRuns(database, { keepRunsPerWorkflow: 3, maxAgeDays: 90 }, { now: new Date(Date.UTC(2026, 10, 30)) });
      const left = (await database.selectFrom('runs').select('id').orderBy('id').execute()).map((r) => r.id);
      // w1-1 is still running: kept although it is the oldest; w2's run is past the age limit.
      expect(left).toEqual(['w1-1', 'w1-4', 'w1-5', 'w1-6']);
      expect(result.runs).toBe(3);
      expect(await database.selectFrom('steps').select('id').execute()).toHaveLength(4);
      expect(await database.selectFrom('payloads').select('hash').execute()).toHaveLength(4);
      expect((await runs.steps('w1-6'))[0]?.output).toMatchObject({ run: 6 });
    } finally {
      await t.close();
    }
  });

  // Only a SQLite file gives pages back (on PostgreSQL the engine leaves that to autovacuum).
  it('compacts a SQLite file that is mostly free pages, leaving it intact', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'p.db'));
    try {
      const runs = new RunsRepo(sqliteKysely(db));
      await runs.create({ id: 'r', workflowId: 'w', workflowName: 'Backfill', docJson: JSON.stringify({ pad: 'x'.repeat(2_000_000) }), mode: 'live', input: null, startedAt: new Date().toISOString() });
      db.prepare(`DELETE FROM runs`).run();
      expect(compactSqlite(db)).toBe(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(compactSqlite(db)).toBe(false);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
