import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/host/engine';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../../engine/simulators/your-app';
import { stepRecovery } from '../../engine/shared/step-recovery';
import type { BackfillTargets } from '../../engine/testing/backfill';
import { tempDir, testDatabase } from '../../engine/testing/temp-engine';

// Exactly once when the crash lands at the worst moment: Your App has accepted an order (and
// ignores Idempotency-Key), but the engine is SIGKILLed before it could record the delivery. The
// resumed run must find that order in Your App instead of sending it again, and say so.

const ORDERS = 300;
/** The order whose reply Your App holds until the engine is killed. */
const HELD = 120;
const child = fileURLToPath(new URL('../../engine/testing/backfill-child.ts', import.meta.url));
const account = demoAccountSpec({ orders: ORDERS });
let ns: NetSuiteSimulator;
beforeAll(async () => {
  ns = await startNetSuiteSimulator({ accounts: [account] });
});
afterAll(async () => {
  await ns?.close();
});

function startEngine(dataDir: string, targets: BackfillTargets, database: string | undefined, start: boolean): { proc: ChildProcess; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', child, dataDir, ...(start ? ['start'] : [])], {
    env: { ...process.env, BACKFILL_TARGETS: JSON.stringify(targets), BACKFILL_PAGE_SIZE: '100', BACKFILL_DATABASE: database ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(stderr);
    resolve(code);
  }));
  return { proc, exited };
}

describe.each(['sqlite', 'postgres'] as const)('a backfill killed after Your App accepted an order it had not recorded (%s)', (dialect) => {
  it('resumes without sending any order twice, and shows the held order as already delivered', async () => {
    const dir = tempDir();
    const db = await testDatabase(dialect);
    let app: YourAppSimulator | null = null;
    try {
      let held: (externalOrderId: string) => void = () => undefined;
      const heldOrder = new Promise<string>((resolve) => (held = resolve));
      app = await startYourAppSimulator({ ignoreIdempotencyKey: true, holdReply: { order: HELD, held: (id) => held(id) } });
      const targets: BackfillTargets = { account, netsuiteUrl: ns.url, yourAppUrl: app.url, yourAppKey: app.apiKey };

      const first = startEngine(dir.path, targets, db.option.database, true);
      const heldId = await heldOrder;
      first.proc.kill('SIGKILL');
      await first.exited;
      expect(app.stats().ordersReceived).toBeGreaterThanOrEqual(HELD);
      expect(app.stats().ordersReceived).toBeLessThan(ORDERS);

      const resumed = startEngine(dir.path, targets, db.option.database, false);
      expect(await resumed.exited).toBe(0);

      const stats = app.stats();
      expect(stats.ordersReceived, JSON.stringify(stats)).toBe(ORDERS);
      expect(stats.ordersCreated).toBe(ORDERS);
      expect(stats.ordersUpdated).toBe(0);

      const engine = await createEngine({ dataDir: dir.path, ...db.option });
      try {
        const [run] = await engine.call('runs.list', {});
        expect(run?.status).toBe('succeeded');
        const steps = await engine.call('runs.steps', { runId: run?.id ?? '' });
        const posts = steps.filter((s) => s.blockId === 'post_order');
        const reconciled = posts.filter((s) => stepRecovery(s.output)?.kind === 'reconciled');
        // The held order at least (others in flight at the kill may have been accepted too).
        const heldStep = reconciled.find((s) => (s.output as { body?: { external_order_id?: string } }).body?.external_order_id === heldId);
        expect(heldStep, `reconciled: ${reconciled.length}`).toBeDefined();
        expect(stepRecovery(heldStep?.output)?.note).toBe('Already delivered before the interruption; not sent again.');
        expect(heldStep?.attempt).toBe(1);
        // Nothing is shown as sent again: Your App can be asked.
        expect(posts.filter((s) => stepRecovery(s.output)?.kind === 'sent_again')).toEqual([]);
      } finally {
        await engine.close();
      }
    } finally {
      await app?.close();
      dir.remove();
      await db.drop();
    }
  }, 120_000);
});
