import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { netsuiteClientFactoryKey } from '../../engine/runtime/blocks/netsuite/netsuite-shared';
import { demoAccountSpec, startNetSuiteSimulator } from '../../engine/simulators/netsuite';
import type { NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { tempDir, testDatabase } from '../../engine/testing/temp-engine';

// A crash in the middle of a paged fetch: the pages fetched before it are checkpointed, and the
// resumed run continues after the last one instead of starting over.

const account = demoAccountSpec({ orders: 230 });
let sim: NetSuiteSimulator;
beforeAll(async () => {
  sim = await startNetSuiteSimulator({ accounts: [account] });
});
afterAll(() => sim.close());

const doc: WorkflowDocInput = {
  name: 'Backfill',
  blocks: [
    { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
    { id: 'fetch', kind: 'netsuite_fetch_orders', config: { connectionId: 'ns', strategy: 'suiteql', pageSize: 50, streamPages: false } },
  ],
  edges: [{ id: 'e', from: 'trigger', to: 'fetch', port: 'out' }],
};

describe('paged fetch checkpoints', () => {
  it('resumes a fetch after its last saved page, with every order exactly once', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const first = await createEngine({ dataDir: dir.path, ...db.option });
      await first.context.connections.save({
        id: 'ns', name: 'Sandbox', kind: 'netsuite',
        values: { accountId: account.accountId, consumerKey: account.consumerKey, consumerSecret: account.consumerSecret, tokenId: account.tokenId, tokenSecret: account.tokenSecret, baseUrl: sim.url },
      });
      // The state a crash leaves after two pages: the run "running", two checkpointed pages.
      const client = await first.context.services.get(netsuiteClientFactoryKey)('ns');
      const runId = randomUUID();
      await first.context.runs.create({ id: runId, workflowId: null, workflowName: 'Backfill', docJson: JSON.stringify(doc), mode: 'live', input: null, startedAt: new Date().toISOString() });
      let pages = 0;
      for await (const page of client.purchaseOrderPages({ strategy: 'suiteql', pageSize: 50 })) {
        await first.context.database.insertInto('step_checkpoints')
          .values({ run_id: runId, block_id: 'fetch', iteration: '-', seq: pages, value: JSON.stringify({ cursor: page.cursor, orders: page.orders }) }).execute();
        if (++pages === 2) break;
      }
      await first.close();

      sim.resetStats();
      // Journal lists in full (a live run's default keeps a count and samples of long ones).
      const second = await createEngine({ dataDir: dir.path, ...db.option, runLimits: { fullJournalItems: 10_000 } });
      try {
        await second.idle();
        const run = await second.call('runs.get', { id: runId });
        expect(run.status).toBe('succeeded');
        const output = (await second.call('runs.steps', { runId })).find((s) => s.blockId === 'fetch')?.output as { orders: { id: string }[]; count: number };
        expect(output.count).toBe(230);
        expect(new Set(output.orders.map((o) => o.id)).size).toBe(230);
        const resumedRequests = sim.stats().requests;

        sim.resetStats();
        const fresh = await second.call('runs.start', { doc, wait: true });
        expect(fresh.status).toBe('succeeded');
        expect(resumedRequests).toBeLessThan(sim.stats().requests);
        expect(await second.context.database.selectFrom('step_checkpoints').select('run_id').execute()).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      dir.remove();
    }
  });
});
