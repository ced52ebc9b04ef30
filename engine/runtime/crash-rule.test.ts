import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { CheckpointsRepo } from '../storage/checkpoints-repo';
import { LoopItemsRepo } from '../storage/loop-items-repo';
import { RunsRepo } from '../storage/runs-repo';
import { failCrashedRun, judgeResume, MAX_CRASHES_WITHOUT_PROGRESS } from './crash-rule';

// The crash rule on its own, on a real database: what an engine restart and a queue worker both
// ask before resuming a run whose process or thread died under it.

const opened: TestDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

async function aRun(): Promise<{ runs: RunsRepo; checkpoints: CheckpointsRepo; loopItems: LoopItemsRepo; runId: string }> {
  const db = await openTestDatabase();
  opened.push(db);
  const runs = new RunsRepo(db.database);
  const run = await runs.create({ id: 'run-1', workflowId: null, workflowName: 'Backfill', docJson: '{}', mode: 'test', input: null, startedAt: new Date().toISOString() });
  return { runs, checkpoints: new CheckpointsRepo(db.database), loopItems: new LoopItemsRepo(db.database), runId: run.id };
}

describe('the crash rule', () => {
  it('gives a run up after it crashed twice at the same point, and says so with run_crashed_engine', async () => {
    const repos = await aRun();
    const first = await judgeResume(repos, repos.runId, true);
    expect(first).toMatchObject({ crashCount: 1, givenUp: false });
    await repos.runs.markQueued(repos.runId, first);

    const second = await judgeResume(repos, repos.runId, true);
    expect(second).toMatchObject({ crashCount: MAX_CRASHES_WITHOUT_PROGRESS, givenUp: true });
    const failed = await failCrashedRun(repos.runs, repos.runId, second.crashCount, 'The queue worker');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'run_crashed_engine' });
    expect(failed.error?.message).toMatch(/^The queue worker stopped 2 times in a row/);
  });

  it('starts counting again when the run made progress between two crashes (a fetched page)', async () => {
    const repos = await aRun();
    await repos.runs.markQueued(repos.runId, await judgeResume(repos, repos.runId, true));
    await repos.checkpoints.append(repos.runId, 'fetch', null, { page: 1 });

    const verdict = await judgeResume(repos, repos.runId, true);
    expect(verdict).toMatchObject({ crashCount: 1, givenUp: false });
  });

  it('does not count an orderly interruption (a quit, a lost lock) as a crash', async () => {
    const repos = await aRun();
    const crash = await judgeResume(repos, repos.runId, true);
    await repos.runs.markQueued(repos.runId, crash);

    const quit = await judgeResume(repos, repos.runId, false);
    expect(quit).toMatchObject({ crashCount: 1, givenUp: false });
  });
});
