import { join } from 'node:path';
import { JournalWriter, type JournalEntry } from '../engine/runtime/journal';
import { openDatabase } from '../engine/storage/db';
import { sqliteKysely } from '../engine/storage/kysely';
import { LoopItemsRepo } from '../engine/storage/loop-items-repo';
import { RunsRepo } from '../engine/storage/runs-repo';
import { tempDir } from '../engine/testing/temp-engine';
import type { BenchResult, BenchSuite } from './types';

// The journal's commit per item, as a For Each whose items write elsewhere has it: each item's
// two steps and its checkpoint are committed before the next item starts (so a crash never sends
// an item twice). The `runloop` suite's items write nothing and share 500-row batches; here every
// item is a transaction. Against the floor: the same rows and checkpoint inserted by hand with
// better-sqlite3, one transaction per item. Both in CPU seconds of this process.

const STARTED = '2026-11-30T00:00:00.000Z';

function step(runId: string, seq: number): JournalEntry {
  return {
    id: `${runId}:${String(seq).padStart(10, '0')}`, runId, seq, blockId: seq % 2 === 0 ? 'send' : 'note', blockKind: seq % 2 === 0 ? 'http_request' : 'log',
    iteration: seq >> 1, iterationPath: String(seq >> 1), attempt: 1, status: 'succeeded', input: { line: seq >> 1 }, output: { sku: `SKU-${seq >> 1}`, status: 201 },
    error: null, startedAt: STARTED, finishedAt: STARTED, durationMs: 1, port: null,
  };
}

async function cpuSeconds(fn: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** Items per CPU second through the engine's journal writer on a SQLite file. */
async function journalItemsPerSecond(items: number): Promise<number> {
  const dir = tempDir('patchbay-bench-journal-');
  const db = sqliteKysely(openDatabase(join(dir.path, 'patchbay.db')));
  try {
    const runs = new RunsRepo(db);
    await runs.create({ id: 'r', workflowId: null, workflowName: 'bench', docJson: '{}', mode: 'live', input: null, startedAt: STARTED });
    const journal = new JournalWriter(runs, new LoopItemsRepo(db), null);
    const seconds = await cpuSeconds(async () => {
      for (let i = 0; i < items; i++) {
        journal.append(step('r', 2 * i));
        journal.append(step('r', 2 * i + 1));
        await journal.itemFinished({ runId: 'r', blockId: 'loop', path: null, index: i, result: { delivered: i } });
      }
      await journal.flush();
    });
    const stored = (await runs.get('r')).stepCount;
    if (stored !== 2 * items) throw new Error(`the journal stored ${stored} of ${2 * items} steps`);
    return items / seconds;
  } finally {
    await db.destroy();
    dir.remove();
  }
}

/** The floor: the same two step rows, step count and checkpoint per item, one better-sqlite3 transaction each. */
async function rawItemsPerSecond(items: number): Promise<number> {
  const dir = tempDir('patchbay-bench-journal-raw-');
  const db = openDatabase(join(dir.path, 'raw.db'));
  try {
    db.prepare(`INSERT INTO runs (id, workflow_id, workflow_name, doc, mode, status, started_at) VALUES ('r', NULL, 'bench', '{}', 'live', 'running', ?)`).run(STARTED);
    const insert = db.prepare(`INSERT INTO steps (id, run_id, seq, block_id, block_kind, iteration, iteration_path, attempt, status, started_at, finished_at, duration_ms, port, summarized, input, output, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const bump = db.prepare(`UPDATE runs SET step_count = step_count + ? WHERE id = ?`);
    const checkpoint = db.prepare(`INSERT INTO loop_items (run_id, block_id, path, idx, result) VALUES (?, ?, ?, ?, ?)`);
    const commit = db.transaction((i: number) => {
      for (const s of [step('r', 2 * i), step('r', 2 * i + 1)]) {
        insert.run(s.id, s.runId, s.seq, s.blockId, s.blockKind, s.iteration, s.iterationPath, s.attempt, s.status, s.startedAt, s.finishedAt, s.durationMs, s.port, 0,
          JSON.stringify(s.input), JSON.stringify(s.output), null);
      }
      bump.run(2, 'r');
      checkpoint.run('r', 'loop', '-', i, JSON.stringify({ delivered: i }));
    });
    return items / (await cpuSeconds(() => {
      for (let i = 0; i < items; i++) commit(i);
    }));
  } finally {
    db.close();
    dir.remove();
  }
}

export const run: BenchSuite = async ({ quick }) => {
  const n = quick ? 500 : 5_000;
  await journalItemsPerSecond(500); // warm up the JIT and the statement cache
  await rawItemsPerSecond(500);
  // Alternate the two and keep each one's best, so a burst of load lands on neither side only.
  let journal = 0;
  let raw = 0;
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    journal = Math.max(journal, await journalItemsPerSecond(n));
    raw = Math.max(raw, await rawItemsPerSecond(n));
  }
  const results: BenchResult[] = [
    { name: 'raw SQLite: 2 step rows + checkpoint per item, one transaction each (baseline)', value: Math.round(raw), unit: 'items/cpu-s', ratio: null },
    { name: `journal: ${n} items, 2 steps + checkpoint, committed per item`, value: Math.round(journal), unit: 'items/cpu-s', ratio: journal / raw },
  ];
  return results;
};
