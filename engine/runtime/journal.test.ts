import { describe, expect, it } from 'vitest';
import { secretsRedactor } from '../secrets/redact';
import { LoopItemsRepo } from '../storage/loop-items-repo';
import { RunsRepo } from '../storage/runs-repo';
import { openTestDatabase } from '../testing/test-database';
import { JournalWriter, type JournalEntry } from './journal';

const SECRET = 'tok"en-Z9x8w7v6';

function entry(runId: string, seq: number, output: unknown): JournalEntry {
  return {
    id: `${runId}:${seq}`, runId, seq, blockId: `b${seq}`, blockKind: 'log', iteration: seq, iterationPath: String(seq), attempt: 1, status: 'succeeded',
    input: { message: `line ${seq}` }, output, error: null, startedAt: '2026-11-30T00:00:00.000Z', finishedAt: '2026-11-30T00:00:00.000Z', durationMs: 1, port: null,
  };
}

describe('journal writer', () => {
  it('writes a batch with secrets removed wherever they hide, and leaves rows without one as they were', async () => {
    const t = await openTestDatabase();
    try {
      const { database } = t;
      const runs = new RunsRepo(database);
      const loopItems = new LoopItemsRepo(database);
      await runs.create({ id: 'r', workflowId: null, workflowName: 'w', docJson: '{}', mode: 'live', input: null, startedAt: '2026-11-30T00:00:00.000Z' });
      const journal = new JournalWriter(runs, loopItems, () => secretsRedactor([SECRET], { byKeyName: false }));
      // The secret holds a quote, so inside JSON text it is escaped: it must still be found.
      journal.append(entry('r', 0, { echoed: { header: `Bearer ${SECRET}` } }));
      journal.append(entry('r', 1, { plain: 'nothing to hide' }));
      journal.append(entry('r', 2, [Buffer.from(`user:${SECRET}`).toString('base64')]));
      await journal.itemFinished({ runId: 'r', blockId: 'loop', path: null, index: 0, result: { sent: SECRET } });

      const steps = await runs.steps('r');
      expect(steps.map((s) => s.output)).toEqual([{ echoed: { header: 'Bearer [redacted]' } }, { plain: 'nothing to hide' }, [expect.stringContaining('[redacted]')]]);
      expect(await t.storedText()).not.toContain('Z9x8w7v6');
      expect((await loopItems.finished('r', 'loop', null)).get(0)).toEqual({ sent: '[redacted]' });
      expect((await runs.get('r')).stepCount).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('writes nothing of a batch that fails partway: no step, no finished item, no step count', async () => {
    const t = await openTestDatabase();
    try {
      const runs = new RunsRepo(t.database);
      const loopItems = new LoopItemsRepo(t.database);
      await runs.create({ id: 'r', workflowId: null, workflowName: 'w', docJson: '{}', mode: 'live', input: null, startedAt: '2026-11-30T00:00:00.000Z' });
      const journal = new JournalWriter(runs, loopItems, null);
      journal.append(entry('r', 0, 'kept'));
      await journal.flush();
      // 300 rows go in several statements; the 290th repeats a journaled step's id, so the
      // statements before it have already inserted rows when it fails.
      for (let seq = 1; seq <= 300; seq++) journal.append(seq === 290 ? entry('r', 0, 'again') : entry('r', seq, 'lost'));
      await expect(journal.itemFinished({ runId: 'r', blockId: 'loop', path: null, index: 7, result: 'delivered' })).rejects.toThrow();

      expect((await runs.steps('r')).map((s) => s.output)).toEqual(['kept']);
      expect((await runs.get('r')).stepCount).toBe(1);
      expect(await loopItems.count('r')).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('commits a batch on its own while another transaction is open, not with it', async () => {
    const t = await openTestDatabase();
    try {
      const runs = new RunsRepo(t.database);
      await runs.create({ id: 'r', workflowId: null, workflowName: 'w', docJson: '{}', mode: 'live', input: null, startedAt: '2026-11-30T00:00:00.000Z' });
      const journal = new JournalWriter(runs, new LoopItemsRepo(t.database), null);
      let written: Promise<void> = Promise.resolve();
      // On SQLite both share one connection: a batch written between the other transaction's
      // statements must not land inside it and vanish with its rollback.
      await expect(t.database.transaction().execute(async (trx) => {
        await trx.updateTable('runs').set({ stop_reason: 'not kept' }).where('id', '=', 'r').execute();
        journal.append(entry('r', 0, 'journaled'));
        written = journal.flush();
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      await written;

      expect((await runs.steps('r')).map((s) => s.output)).toEqual(['journaled']);
      expect((await runs.get('r')).stopReason).toBeNull();
    } finally {
      await t.close();
    }
  });
});
