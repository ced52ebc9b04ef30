import { join } from 'node:path';
import { createEngine } from '../engine/host/engine';
import { openDatabase } from '../engine/storage/db';
import { tempDir } from '../engine/testing/temp-engine';
import type { WorkflowDocInput } from '../engine/model/workflow';
import type { BenchResult, BenchSuite } from './types';

// A For Each over N items with two small blocks inside, fully journaled, against the floor: the
// same journal rows inserted by hand, batched as the journal batches them, in the same run.
// Both sides are timed in CPU time of this process: the work is single-threaded and CPU-bound,
// and on a machine shared with other jobs wall time mostly measures the neighbours.

/** What `fn` returned, and the CPU seconds (user + system) it took in this process. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; seconds: number }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

function loopWorkflow(): WorkflowDocInput {
  return {
    name: 'Bench loop',
    blocks: [
      { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
      { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.items }}', concurrency: 1 } },
      { id: 'remember', kind: 'set_variable', config: { name: 'last', value: '{{ item.sku }}' } },
      { id: 'note', kind: 'log', config: { message: 'line {{ index }}: {{ item.sku }} x {{ item.qty }}' } },
    ],
    edges: [
      { id: 'e1', from: 'trigger', to: 'loop', port: 'out' },
      { id: 'e2', from: 'loop', to: 'remember', port: 'each' },
      { id: 'e3', from: 'remember', to: 'note', port: 'out' },
    ],
  };
}

/** A journaled step row as the engine stored it, its payloads parsed back (the baseline serializes them again). */
interface StoredStep {
  readonly id: unknown; readonly run_id: unknown; readonly seq: unknown; readonly block_id: unknown; readonly block_kind: unknown;
  readonly iteration: unknown; readonly iteration_path: unknown; readonly attempt: unknown; readonly status: unknown;
  readonly started_at: unknown; readonly finished_at: unknown; readonly duration_ms: unknown; readonly port: unknown; readonly summarized: unknown;
  readonly input: unknown; readonly output: unknown; readonly error: unknown;
}

interface EngineRun {
  readonly stepsPerSec: number;
  readonly steps: number;
  /** The run's row and every step row it journaled, as stored: what the baseline writes again. */
  readonly run: Record<string, unknown>;
  readonly rows: readonly StoredStep[];
  readonly payloadBodies: readonly { hash: string; body: unknown }[];
}

async function engineRun(items: readonly unknown[]): Promise<EngineRun> {
  const dir = tempDir('patchbay-bench-');
  const engine = await createEngine({ dataDir: dir.path });
  try {
    const { value: run, seconds } = await timed(() => engine.call('runs.start', { doc: loopWorkflow(), input: { items }, wait: true }));
    if (run.status !== 'succeeded') throw new Error(`bench run ${run.status}: ${JSON.stringify(run.error)}`);
    const db = engine.context.database;
    const stored = await db.selectFrom('steps').selectAll().where('run_id', '=', run.id).orderBy('seq').execute() as unknown as Record<string, unknown>[];
    const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : null);
    return {
      stepsPerSec: run.stepCount / seconds,
      steps: run.stepCount,
      run: await db.selectFrom('runs').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow() as unknown as Record<string, unknown>,
      rows: stored.map((r) => ({ ...r, input: parse(r.input), output: parse(r.output), error: parse(r.error) }) as unknown as StoredStep),
      payloadBodies: (await db.selectFrom('payloads').select(['hash', 'body']).execute()).map((p) => ({ hash: p.hash, body: JSON.parse(p.body) as unknown })),
    };
  } finally {
    await engine.close();
    dir.remove();
  }
}

/** Rows per transaction in the baseline: the journal commits at least this often (so a kill loses at most one batch). */
const BATCH = 500;

/**
 * The floor, like for like: the very rows the engine journaled (same run row, same step rows, same
 * payload text, same schema and indexes) written again by hand: each payload serialized, then
 * inserted with one prepared statement, 500 rows per transaction as the journal commits them.
 * What it leaves out is everything the engine does besides writing its journal.
 */
async function rawInsertsPerSecond(from: EngineRun): Promise<number> {
  const dir = tempDir('patchbay-bench-raw-');
  const db = openDatabase(join(dir.path, 'raw.db'));
  try {
    const runCols = Object.keys(from.run);
    db.prepare(`INSERT INTO runs (${runCols.join(', ')}) VALUES (${runCols.map(() => '?').join(', ')})`).run(...runCols.map((c) => from.run[c]));
    const insert = db.prepare(`INSERT INTO steps (id, run_id, seq, block_id, block_kind, iteration, iteration_path, attempt, status, started_at, finished_at, duration_ms, port, summarized, input, output, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const text = (p: unknown): string | null => (p === null ? null : JSON.stringify(p));
    const insertPayload = db.prepare(`INSERT INTO payloads (hash, body) VALUES (?, ?)`);
    const rows = from.rows;
    const { seconds } = await timed(() => {
      db.transaction(() => {
        for (const p of from.payloadBodies) insertPayload.run(p.hash, JSON.stringify(p.body));
      })();
      for (let start = 0; start < rows.length; start += BATCH) {
        db.transaction(() => {
          for (let i = start; i < Math.min(rows.length, start + BATCH); i++) {
            const r = rows[i] as StoredStep;
            insert.run(r.id, r.run_id, r.seq, r.block_id, r.block_kind, r.iteration, r.iteration_path, r.attempt, r.status, r.started_at, r.finished_at, r.duration_ms, r.port, r.summarized,
              text(r.input), text(r.output), text(r.error));
          }
        })();
      }
    });
    return rows.length / seconds;
  } finally {
    db.close();
    dir.remove();
  }
}

export const run: BenchSuite = async ({ quick }) => {
  const n = quick ? 500 : 10_000;
  const items = Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, qty: (i % 7) + 1 }));
  await rawInsertsPerSecond(await engineRun(items.slice(0, 200))); // warm up the JIT and the statement cache
  // Alternate the two measurements and keep each one's best, so a burst of load on a shared
  // machine does not land on one side only.
  let engine = 0;
  let baseline = 0;
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    const e = await engineRun(items);
    engine = Math.max(engine, e.stepsPerSec);
    baseline = Math.max(baseline, await rawInsertsPerSecond(e));
  }
  const results: BenchResult[] = [
    { name: 'raw batched SQLite inserts of the same rows (baseline)', value: Math.round(baseline), unit: 'rows/cpu-s', ratio: null },
    { name: `run loop: For Each x ${n}, 2 blocks, journaled`, value: Math.round(engine), unit: 'steps/cpu-s', ratio: engine / baseline },
  ];
  return results;
};
