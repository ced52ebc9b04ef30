import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createEngine } from '../engine/host/engine';
import { tempDir } from '../engine/testing/temp-engine';
import type { WorkflowDocInput } from '../engine/model/workflow';
import type { BenchResult, BenchSuite } from './types';

// A For Each over N items with two small blocks inside, fully journaled, against the floor:
// raw batched SQLite inserts of the same step rows, in one transaction, in the same run.

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

async function engineStepsPerSecond(items: readonly unknown[]): Promise<{ stepsPerSec: number; steps: number }> {
  const dir = tempDir('patchbay-bench-');
  const engine = createEngine({ dataDir: dir.path });
  try {
    const started = performance.now();
    const run = await engine.call('runs.start', { doc: loopWorkflow(), input: { items }, wait: true });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 'succeeded') throw new Error(`bench run ${run.status}: ${JSON.stringify(run.error)}`);
    return { stepsPerSec: run.stepCount / seconds, steps: run.stepCount };
  } finally {
    await engine.close();
    dir.remove();
  }
}

function rawInsertsPerSecond(rows: number): number {
  const dir = tempDir('patchbay-bench-raw-');
  const db = new Database(join(dir.path, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE steps (id TEXT PRIMARY KEY, run_id TEXT, seq INTEGER, block_id TEXT, block_kind TEXT, iteration INTEGER, attempt INTEGER, status TEXT, input TEXT, output TEXT, error TEXT, started_at TEXT, finished_at TEXT, duration_ms REAL)`);
    const insert = db.prepare(`INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, 1, 'succeeded', ?, ?, NULL, ?, ?, 0.1)`);
    const runId = randomUUID();
    const started = performance.now();
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const now = new Date().toISOString();
        insert.run(`${runId}:${i}`, runId, i, 'note', 'log', i >> 1, JSON.stringify({ message: `line ${i}` }), JSON.stringify({ level: 'info', message: `line ${i}` }), now, now);
      }
    })();
    return rows / ((performance.now() - started) / 1000);
  } finally {
    db.close();
    dir.remove();
  }
}

export const run: BenchSuite = async ({ quick }) => {
  const n = quick ? 500 : 10_000;
  const items = Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, qty: (i % 7) + 1 }));
  await engineStepsPerSecond(items.slice(0, 200)); // warm up the JIT and the statement cache
  const engine = await engineStepsPerSecond(items);
  const baseline = rawInsertsPerSecond(engine.steps);
  const results: BenchResult[] = [
    { name: 'raw batched SQLite inserts (baseline)', value: Math.round(baseline), unit: 'rows/s', ratio: null },
    { name: `run loop: For Each x ${n}, 2 blocks, journaled`, value: Math.round(engine.stepsPerSec), unit: 'steps/s', ratio: engine.stepsPerSec / baseline },
  ];
  return results;
};
