import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { installOrderSyncForAcme, openApp, textWaiter, type BrowserApp } from './helpers';

// Issue 13 item 4 as a user sees it: a backfill long enough to watch shows a progress bar on the
// installation page with its records and pages advancing; Cancel stops it between items; the run
// ends as cancelled, and running it again continues after the last delivered page instead of
// sending the delivered orders again.

const ORDERS = 250;
const PAGE = 10;
const see = textWaiter('progress');

/** "40 of 250 records · 4 pages · …": the records and pages the bar shows. */
async function shown(bar: Locator): Promise<{ records: number; pages: number }> {
  const text = (await bar.getByTestId('run-progress-text').textContent()) ?? '';
  const m = /^([\d,]+) of ([\d,]+) records · ([\d,]+) pages?/.exec(text);
  if (!m) throw new Error(`progress reads "${text}"`);
  expect(Number(m[2]?.replace(/,/g, ''))).toBe(ORDERS);
  return { records: Number(m[1]?.replace(/,/g, '')), pages: Number(m[3]?.replace(/,/g, '')) };
}

describe('progress and cancel of a long run, in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-progress-', demoSandbox: true });
    ({ bridge, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows records and pages advancing, cancels between items, and a re-run continues after the last delivered page', async () => {
    const engine = bridge.engine;
    const demo = engine.context.demo;
    if (!demo) throw new Error('the Demo sandbox did not start');
    const { integration, inst } = await installOrderSyncForAcme(engine);
    const historical = integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string;

    // Acme's backfill: no Stop block and small pages. The template's fetch keeps its place (a
    // watermark), so a cancelled backfill continues where it stopped.
    const version = await engine.call('userVersions.create', { installationId: inst.id, workflowId: historical });
    await engine.call('userVersions.save', {
      id: version.id, baseRev: version.rev,
      doc: {
        ...version.doc,
        blocks: version.doc.blocks.filter((b) => b.id !== 'hold').map((b) => (b.id === 'fetch_orders' ? { ...b, config: { ...b.config, pageSize: PAGE } } : b)),
        edges: version.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
      },
    });
    // A slow NetSuite: each request waits 400 ms, so the 25 pages take long enough to watch.
    demo.netsuite.injectFaults(...Array.from({ length: 60 }, () => ({ delayMs: 400 })));

    await page.goto(`${bridge.url.split('#')[0]}#/installations/${encodeURIComponent(inst.id)}`);
    await page.getByTestId('activate').click();
    await see(page.getByTestId('activate-summary'), 'Fetch Historical Orders runs once now');
    await page.getByTestId('activate-confirm').click();

    const bar = page.getByTestId('installation-run-progress');
    await see(bar, /Fetch Historical Orders/, 30_000);
    const first = await shown(bar);
    // The bar moves on its own as pages are delivered.
    await expect.poll(async () => (await shown(bar)).records, { timeout: 30_000 }).toBeGreaterThan(first.records);
    const later = await shown(bar);
    expect(later.pages).toBeGreaterThan(first.pages);
    expect(later.records).toBeLessThan(ORDERS);
    await expect.poll(async () => Number(await bar.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(later.records);

    await page.screenshot({ path: 'test-results/progress-installation.png' });
    await bar.getByRole('button', { name: 'Cancel' }).click();
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    const row = page.getByTestId(`installation-workflow-${historical}`);
    await see(row.getByTestId('last-run-status'), 'cancelled', 30_000);
    const delivered = demo.yourApp.stats().ordersReceived;
    expect(delivered).toBeGreaterThanOrEqual(later.records);
    expect(delivered).toBeLessThan(ORDERS);

    // Run it again: it continues after the last delivered page; only the page in flight at the
    // cancel may be sent again.
    await row.getByTestId('wf-run').click();
    await page.getByTestId('run-confirm').click();
    await see(row.getByTestId('last-run-status'), 'succeeded', 60_000);
    expect(demo.yourApp.orders()).toHaveLength(ORDERS);
    const { ordersReceived, ordersUpdated } = demo.yourApp.stats();
    expect(ordersUpdated).toBeLessThanOrEqual(PAGE);
    expect(ordersReceived).toBe(ORDERS + ordersUpdated);
    expect(app.errors).toEqual([]);
  });
});
