import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { backfillConnectionIds, saveBackfillConnections } from '../../engine/testing/backfill';
import { json, startTestServer, tempDir, testDatabase, type TestServer } from '../../engine/testing/temp-engine';

// A streamed backfill whose receiver fails part-way: re-run from the failed step, it continues
// after the last delivered page and skips the items that had gone through, so every order is
// delivered once in all.

const ORDERS = 300;
const account = demoAccountSpec({ orders: ORDERS });
let ns: NetSuiteSimulator;
let receiver: TestServer;
let broken = true;
const delivered = new Map<string, number>();
beforeAll(async () => {
  ns = await startNetSuiteSimulator({ accounts: [account] });
  receiver = await startTestServer((_req, body, res) => {
    const id = (JSON.parse(body) as { id: string }).id;
    if (broken && delivered.size === 130) return json(res, 500, { error: 'database is down' });
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
    json(res, 201, { ok: true });
  });
});
afterAll(async () => {
  await ns.close();
  await receiver.close();
});

describe('re-running a failed streamed backfill', () => {
  it('continues after the last delivered page and sends each order once', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option });
    try {
      await saveBackfillConnections(engine.context.connections, { account, netsuiteUrl: ns.url, yourAppUrl: receiver.url, yourAppKey: 'unused-key' });
      await engine.context.secrets.refresh();
      const doc: WorkflowDocInput = {
        name: 'Backfill',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'fetch', kind: 'netsuite_fetch_orders', config: { connectionId: backfillConnectionIds.netsuite, pageSize: 50 } },
          { id: 'each', kind: 'for_each', config: { items: '{{ steps.fetch.output.orders }}', concurrency: 2 } },
          { id: 'post', kind: 'http_request', config: { method: 'POST', url: `${receiver.url}/orders`, body: { id: '{{ item.id }}' }, retries: 0 } },
        ],
        edges: [
          { id: 'e1', from: 'trigger', to: 'fetch', port: 'out' },
          { id: 'e2', from: 'fetch', to: 'each', port: 'out' },
          { id: 'e3', from: 'each', to: 'post', port: 'each' },
        ],
      };
      const failed = await engine.call('runs.start', { doc, wait: true });
      expect(failed.status).toBe('failed');
      expect(delivered.size).toBe(130);

      broken = false;
      const again = await engine.call('runs.rerun', { id: failed.id, fromFailedStep: true, wait: true });
      expect(again.status).toBe('succeeded');
      expect(delivered.size).toBe(ORDERS);
      expect([...delivered.values()].every((n) => n === 1)).toBe(true);
      // Pages 0 and 1 (100 orders) were delivered before the failure: the re-run starts at page 2.
      const pages = (await engine.call('runs.steps', { runId: again.id })).filter((s) => s.blockId === 'fetch').map((s) => s.iteration);
      expect(pages[0]).toBe(2);
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });
});
