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
});
