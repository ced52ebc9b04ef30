import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/host/engine';
import type { WorkflowDocInput } from '../../engine/model/workflow';
import { backfillConnectionIds, saveBackfillConnections } from '../../engine/testing/backfill';
import { useBackfillSimulators } from '../../engine/testing/backfill-simulators';
import { tempDir, testDatabase } from '../../engine/testing/temp-engine';

// A poll over a large window, streamed page by page and cancelled part-way: the run stops between
// items, reports its progress on the way, and the next run continues after the last delivered
// page instead of starting the window again; every order reaches Your App.

const ORDERS = 300;
const PAGE = 50;
const sims = useBackfillSimulators(ORDERS);

const poll = (delayMs: number): WorkflowDocInput => ({
  name: 'Poll orders',
  blocks: [
    { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
    { id: 'fetch', kind: 'netsuite_fetch_orders', config: { connectionId: backfillConnectionIds.netsuite, keepWatermark: true, pageSize: PAGE } },
    { id: 'each', kind: 'for_each', config: { items: '{{ steps.fetch.output.orders }}', concurrency: 1 } },
    { id: 'pace', kind: 'delay', config: { ms: delayMs } },
    { id: 'post', kind: 'http_request', config: { method: 'POST', url: '/orders', connectionId: backfillConnectionIds.yourApp, body: { external_order_id: '{{ item.id }}' } } },
  ],
  edges: [
    { id: 'e1', from: 'trigger', to: 'fetch', port: 'out' },
    { id: 'e2', from: 'fetch', to: 'each', port: 'out' },
    { id: 'e3', from: 'each', to: 'pace', port: 'each' },
    { id: 'e4', from: 'pace', to: 'post', port: 'out' },
  ],
});

describe('cancelling a streamed poll', () => {
  it('stops between items, and the next run continues after the last delivered page', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    const engine = await createEngine({ dataDir: dir.path, ...db.option });
    try {
      await saveBackfillConnections(engine.context.connections, sims.targets());
      await engine.context.secrets.refresh();
      const wf = await engine.call('workflows.create', { name: 'Poll orders', doc: poll(5) });
      const progress: { done: number; total: number | null; pages: number | null }[] = [];
      let cancelling: Promise<unknown> | null = null;
      const run = await engine.call('runs.start', { workflowId: wf.id });
      const unsubscribe = engine.subscribe((e) => {
        if (e.type !== 'run.progress' || e.runId !== run.id) return;
        progress.push({ done: e.done, total: e.total, pages: e.pages });
        if ((e.pages ?? 0) >= 2 && !cancelling) cancelling = engine.call('runs.cancel', { id: run.id });
      });
      await engine.idle();
      unsubscribe();
      const cancelled = await engine.call('runs.get', { id: run.id });
      expect(cancelled.status).toBe('cancelled');
      expect(progress[0]).toEqual({ done: PAGE, total: ORDERS, pages: 1 });
      const deliveredBefore = sims.app.stats().ordersReceived;
      expect(deliveredBefore).toBeGreaterThanOrEqual(2 * PAGE);
      expect(deliveredBefore).toBeLessThan(ORDERS);

      const again = await engine.call('runs.start', { workflowId: wf.id, wait: true });
      expect(again.status).toBe('succeeded');
      expect(sims.app.orders()).toHaveLength(ORDERS);
      // Only the page in flight at the cancel is read again.
      expect(sims.app.stats().ordersUpdated).toBeLessThanOrEqual(PAGE);
      const fetchSteps = (await engine.call('runs.steps', { runId: again.id })).filter((s) => s.blockId === 'fetch');
      expect(fetchSteps.length).toBeLessThan(ORDERS / PAGE);

      // The window was delivered: the watermark moved, and the next poll has nothing to send.
      const received = sims.app.stats().ordersReceived;
      const quiet = await engine.call('runs.start', { workflowId: wf.id, wait: true });
      expect(quiet.status).toBe('succeeded');
      expect(sims.app.stats().ordersReceived).toBe(received);
    } finally {
      await engine.close();
      await db.drop();
      dir.remove();
    }
  });
});
