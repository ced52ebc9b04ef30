import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetSuiteClientFactory } from '../../engine/connections/netsuite-factory';
import { createEngine, type Engine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { netsuiteClientFactoryKey } from '../../engine/runtime/blocks/netsuite/netsuite-shared';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../engine/testing/temp-engine';

// A record-API fetch whose GET exhausts its retries (issue 14, NetSuite item 3): the run fails,
// the orders read before it are kept, and a re-run from the failed step continues from the cursor.
// (The collecting form; the streaming form keeps delivered pages: test/engine/stream-rerun.test.ts.)
const account = demoAccountSpec({ orders: 25 });
const doc: WorkflowDocInput = {
  name: 'Backfill by record API',
  blocks: [
    { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
    { id: 'fetch', kind: 'netsuite_fetch_orders', config: { connectionId: 'ns', strategy: 'record', pageSize: 10, streamPages: false } },
  ],
  edges: [{ id: 'e', from: 'trigger', to: 'fetch', port: 'out' }],
};

describe('a record-API fetch that fails mid-way', () => {
  const dir = tempDir();
  let db: TestEngineDatabase;
  let sim: NetSuiteSimulator;
  let engine: Engine;
  beforeAll(async () => {
    db = await testDatabase();
    sim = await startNetSuiteSimulator({ accounts: [account] });
    engine = await createEngine({ dataDir: dir.path, ...db.option });
    const { accountId, consumerKey, consumerSecret, tokenId, tokenSecret } = account;
    await engine.context.connections.save({ id: 'ns', name: 'Sandbox', kind: 'netsuite', values: { accountId, consumerKey, consumerSecret, tokenId, tokenSecret, baseUrl: sim.url } });
    // One attempt per request and one request at a time, so the injected fault lands on a known GET.
    engine.context.services.provide(netsuiteClientFactoryKey, createNetSuiteClientFactory(engine.context.connections, { maxAttempts: 1, concurrency: 1 }));
  });
  afterAll(async () => {
    await engine.close();
    await sim.close();
    await db.drop();
    dir.remove();
  });

  it('keeps the orders read and continues from the cursor when re-run from the failed step', async () => {
    // Page 1: a list request and 10 GETs; page 2: a list request, then the third GET fails.
    sim.injectFaults(...Array.from({ length: 14 }, () => ({})), { status: 503 });
    const failed = await engine.call('runs.start', { doc, wait: true });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'server_error', message: expect.stringMatching(/resume from cursor 12\).*The 12 order\(s\) read before it are kept/) });

    sim.resetStats();
    const rerun = await engine.call('runs.rerun', { id: failed.id, fromFailedStep: true, wait: true });
    expect(rerun.status).toBe('succeeded');
    const output = (await engine.call('runs.steps', { runId: rerun.id })).find((s) => s.blockId === 'fetch')?.output as { orders: { id: string }[]; count: number };
    expect(output.count).toBe(25);
    expect(new Set(output.orders.map((o) => o.id)).size).toBe(25);
    // Only what was missing was read again: the 3 list pages (paging restarts page-aligned) and 13 GETs, not 25.
    expect(sim.stats().requests).toBe(16);
    expect(await engine.context.database.selectFrom('step_checkpoints').select('run_id').execute()).toEqual([]);
  });
});
