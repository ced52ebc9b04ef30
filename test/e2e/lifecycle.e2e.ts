import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { scheduledJobs } from '../../engine/installations/scheduled-jobs';
import { openApp, type BrowserApp } from './helpers';

// Issue 10 as a new user walks it on the Demo sandbox: the Order Sync from its template, installed
// for Acme (nothing polls), a test sync of 5 orders from the canvas editor run as Acme with a
// would-be write inspected, activation refused while the backfill waits at its Stop block, then
// with its summary once the customer's version removes it, v2 changing one workflow, and the one
// upgrade action (no backfill replay, exactly one workflow rebased).

const SHOTS = 'test-results';

async function see(loc: Locator, text: string | RegExp, timeout = 20_000): Promise<void> {
  try {
    await loc.filter({ hasText: text }).first().waitFor({ timeout });
  } catch (e) {
    await loc.page().screenshot({ path: `${SHOTS}/failure-lifecycle-${Date.now()}.png`, fullPage: true });
    throw e;
  }
}

describe('onboarding a customer safely, in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-lifecycle-', demoSandbox: true, viewport: { width: 1440, height: 1000 } });
    ({ bridge, page, errors } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('installs without polling, test-syncs 5 orders as Acme, activates, and upgrades to v2 without replaying the backfill', async () => {
    const engine = bridge.engine;
    const demo = engine.context.demo;
    if (!demo) throw new Error('the Demo sandbox did not start');
    const jobs = async () => (await scheduledJobs(engine.context.repos, engine.context.installations)).length;
    const rowOf = (id: string) => page.getByTestId(`installation-workflow-${id}`);

    // The integration from its template, released as v1 from the UI.
    await page.goto(bridge.url);
    await page.getByTestId('nav-integrations').click();
    await page.getByTestId('use-template-netsuite-order-sync').click();
    await page.getByTestId('integration-detail').waitFor();
    const integrationId = decodeURIComponent(page.url().split('#/integrations/')[1] ?? '');
    await page.getByTestId('release-notes').fill('First release');
    await page.getByTestId('release').click();
    await see(page.getByTestId('release-done'), 'Released v1');
    const integration = await engine.call('integrations.get', { id: integrationId });
    const wfId = (name: string) => integration.workflows.find((w) => w.name === name)?.id as string;
    const listen = wfId('Listen for New and Updated Orders');
    const historical = wfId('Fetch Historical Orders');

    // Installed for Acme: configuring, and nothing is scheduled.
    await page.getByTestId('nav-installations').click();
    await page.getByTestId('new-installation').click();
    await page.getByTestId('new-installation-customer').fill('Acme');
    await page.getByTestId('create-installation').click();
    await page.getByTestId('installation-page').waitFor();
    const installationId = decodeURIComponent(page.url().split('#/installations/')[1] ?? '');
    for (const [key, label] of [['netsuite', 'Demo sandbox (NetSuite)'], ['your_app', 'Demo Your App']] as const) {
      await page.getByTestId(`connect-${key}`).click();
      await page.getByTestId(`connection-choice-${key}`).selectOption({ label });
      await page.getByTestId(`connection-save-${key}`).click();
      await see(page.getByTestId(`connection-${key}`), label);
    }
    await page.getByTestId('install').click();
    await see(page.getByTestId('install-done'), 'Nothing runs on a schedule until you activate');
    await see(page.getByTestId('installation-lifecycle'), 'Configuring');
    await see(page.getByTestId(`installation-workflow-${historical}`).getByTestId('last-run-status'), 'stopped');
    expect(await jobs()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/lifecycle-configuring.png`, fullPage: true });

    // Test sync in the canvas editor of the base listener, run as Acme: 5 orders, writes not sent.
    await page.goto(`${new URL(bridge.url).origin}/#/w/${encodeURIComponent(listen)}`);
    await page.getByTestId('editor').waitFor();
    await page.getByTestId('test-sync').click();
    const dialog = page.getByTestId('test-sync-dialog');
    await see(dialog.getByTestId('test-sync-note'), 'Writes are not sent');
    expect(await dialog.getByTestId('test-sync-limit').inputValue()).toBe('5');
    // The base editor runs "as customer…": Acme, the integration's installed customer, is chosen.
    await expect.poll(() => dialog.getByTestId('test-sync-customer').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent), { timeout: 10_000 }).toBe('Acme');
    await dialog.getByTestId('test-sync-run').click();
    await see(page.getByTestId('run-status'), 'succeeded', 60_000);
    await see(page.getByTestId('run-test-note'), /Test sync as Acme · at most 5 records per fetch · writes were not sent/);
    await see(page.getByTestId('run-whose'), 'for Acme');
    const group = page.getByTestId('step-group-post_order');
    await see(group.getByTestId('step-group-post_order-counts'), '5 succeeded');
    await group.locator('summary').first().click();
    await page.getByTestId('step-post_order-0').locator('summary').first().click();
    const write = page.getByTestId('step-post_order-0-would-send');
    await see(write.getByTestId('step-post_order-0-would-send-line'), /^POST http:\/\/127\.0\.0\.1:\d+\/orders$/);
    await see(write, 'authorization');
    await see(write, '(masked)');
    await see(write.getByTestId('step-post_order-0-would-send-body'), 'external_order_id');
    expect(demo.yourApp.stats().ordersReceived).toBe(0);
    await page.screenshot({ path: `${SHOTS}/lifecycle-test-sync.png`, fullPage: true });

    await page.goto(`${new URL(bridge.url).origin}/#/installations/${encodeURIComponent(installationId)}`);
    // Test sync from the installation page too (before activation, while the listener has never
    // polled): the customer is Acme, the limit is the user's.
    await page.getByTestId(`installation-workflow-${listen}`).getByTestId('wf-test-sync').click();
    await see(page.getByTestId('test-sync-dialog'), 'Test sync for Acme');
    await page.getByTestId('test-sync-limit').fill('3');
    await page.getByTestId('test-sync-run').click();
    const panel = page.getByTestId('runs-panel');
    await see(panel.getByTestId('run-test-note'), 'at most 3 records per fetch', 60_000);
    await see(panel.getByTestId('step-group-post_order-counts'), '3 succeeded');
    expect(demo.yourApp.stats().ordersReceived).toBe(0);

    // Activation says what starts, then starts it.
    await page.getByTestId('activate').click();
    const summary = page.getByTestId('activate-summary');
    await see(summary, 'Listen for New and Updated Orders runs every 5 minutes');
    await see(summary, 'Write Back Tracking Number runs every 5 minutes');
    // The backfill still waits at its Stop block: activating now would let the listener poll
    // every historical order through the base mapping, so the dialog says what to do instead.
    await see(summary, /Fetch Historical Orders waits at "Wait for the mapping"/);
    await see(page.getByTestId('activate-problems'), 'still held by its Stop block "Wait for the mapping": agree the mapping with the customer');
    expect(await page.getByTestId('activate-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/lifecycle-activate-held.png`, fullPage: true });
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The mapping agreed: Acme's version of the backfill without the Stop block. Then it activates.
    const backfill = await engine.call('userVersions.create', { installationId, workflowId: historical });
    await engine.call('userVersions.save', {
      id: backfill.id, baseRev: backfill.rev,
      doc: {
        ...backfill.doc,
        blocks: backfill.doc.blocks.filter((b) => b.id !== 'hold'),
        edges: backfill.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
      },
    });
    await page.reload();
    await page.getByTestId('activate').click();
    await see(summary, 'Fetch Historical Orders runs once now (the backfill)');
    await page.screenshot({ path: `${SHOTS}/lifecycle-activate.png`, fullPage: true });
    await page.getByTestId('activate-confirm').click();
    await see(page.getByTestId('installation-lifecycle'), 'Active');
    expect(await jobs()).toBe(2);
    await see(rowOf(historical).getByTestId('last-run-status'), 'succeeded', 60_000);
    const delivered = demo.yourApp.stats().ordersReceived;
    expect(delivered).toBeGreaterThan(100);


    // Acme's own version of the listener, then v2 of the base changes only the listener.
    const userVersion = await engine.call('userVersions.create', { installationId, workflowId: listen });
    await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc: { ...userVersion.doc, notes: 'Acme: polls the same, notes differ' } });
    const draft = await engine.call('workflows.get', { id: listen });
    await engine.call('workflows.save', { id: listen, baseRev: draft.rev, doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'trigger' ? { ...b, config: { type: 'schedule', intervalSeconds: 600 } } : b)) } });
    await page.goto(`${new URL(bridge.url).origin}/#/integrations/${encodeURIComponent(integrationId)}`);
    await page.getByTestId('release-notes').fill('Poll every 10 minutes');
    await page.getByTestId('release').click();
    await see(page.getByTestId('release-done'), 'Released v2');
    const historicalRuns = (await engine.call('runs.search', { installationId, workflowId: historical })).length;

    await page.goto(`${new URL(bridge.url).origin}/#/installations/${encodeURIComponent(installationId)}`);
    await rowOf(listen).getByTestId('update-available').waitFor();
    expect(await rowOf(historical).getByTestId('update-available').count()).toBe(0);
    expect(await rowOf(wfId('Write Back Tracking Number')).getByTestId('update-available').count()).toBe(0);
    await page.getByTestId('upgrade-preview').click();
    await see(page.getByTestId(`upgrade-plan-${listen}`), 'rebase (clean)');
    await see(page.getByTestId(`upgrade-plan-${historical}`), 'unchanged');
    await see(page.getByTestId('upgrade-will-run'), 'not run again');
    await page.screenshot({ path: `${SHOTS}/lifecycle-upgrade-preview.png`, fullPage: true });
    expect(await page.locator('[data-plan="rebase_clean"], [data-plan="rebase_conflicts"]').count()).toBe(1);
    await page.getByTestId('upgrade-apply').click();
    await see(page.getByTestId('upgrade-done'), 'Upgraded to v2: 1 workflow changed, 0 runs started');
    await see(page.getByTestId('upgrade-status'), 'On v2');
    await rowOf(listen).getByTestId('update-available').waitFor({ state: 'detached' });
    expect((await engine.call('runs.search', { installationId, workflowId: historical })).length).toBe(historicalRuns);
    const after = await engine.call('userVersions.get', { id: userVersion.id });
    expect(after.ancestorVersion).toBe(2);
    expect(after.doc.notes).toBe('Acme: polls the same, notes differ');
    expect(after.doc.blocks.find((b) => b.id === 'trigger')?.config).toEqual({ type: 'schedule', intervalSeconds: 600 });

    // Every run says whose it is, across installations.
    await page.getByTestId('nav-runs').click();
    await page.getByTestId('runs-page').waitFor();
    await page.getByTestId('runs-filter-customer').selectOption({ label: 'Acme — NetSuite Order Sync' });
    await see(page.getByTestId('runs-page-item'), 'Fetch Historical Orders');
    expect(new Set(await page.getByTestId('runs-page-customer').allTextContents())).toEqual(new Set(['Acme']));
    await page.screenshot({ path: `${SHOTS}/lifecycle-runs-page.png`, fullPage: true });
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
