import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { openApp, type BrowserApp, textWaiter, installOrderSyncForAcme } from './helpers';

// Issue 16 in the browser: keep golden records from a test sync on the installation page, change
// the base mapping and release v2, then "Preview update" shows this customer's changed output field
// by field, and a user-specific version's rebase preview shows it too.

const SHOTS = 'test-results';

const seeText = textWaiter('regression');

describe('golden records and regression in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-golden-', demoSandbox: true, viewport: { width: 1440, height: 1000 } });
    ({ bridge, page, errors } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps golden records from a test sync; Preview update lists the changed fields', async () => {
    const engine = bridge.engine;
    const { integration, inst } = await installOrderSyncForAcme(engine);
    const listener = integration.workflows.find((w) => w.name === 'Listen for New and Updated Orders')?.id as string;
    const run = await engine.call('installations.runWorkflow', { id: inst.id, workflowId: listener, mode: 'test', testLimit: 3, wait: true });

    await page.goto(`${bridge.url.split('#')[0]}#/installations/${encodeURIComponent(inst.id)}`);
    await page.getByTestId(`installation-workflow-${listener}`).getByTestId('wf-view-runs').click();
    await page.getByTestId(`run-${run.id}`).locator('summary').click();
    await page.getByLabel('How many records').fill('2');
    await page.getByTestId('keep-golden-button').click();
    await seeText(page.getByTestId('keep-golden-done'), /Kept 2 golden record/);
    const list = page.getByTestId('golden-list');
    await seeText(list, 'Listen for New and Updated Orders');
    await page.screenshot({ path: `${SHOTS}/golden-kept.png` });

    // Base v2 sends quantities as text: a mapped field every order has.
    const [mapping] = await engine.call('mappings.list', { integrationId: integration.id });
    if (!mapping) throw new Error('no mapping');
    await engine.call('mappings.save', {
      id: mapping.id, baseRev: mapping.rev,
      rules: mapping.doc.rules.map((r) => (r.id === 'line_qty' ? { ...r, transforms: [{ name: 'string', args: [] }] } : r)),
    });
    await engine.call('integrations.release', { id: integration.id, notes: 'v2' });

    await page.getByTestId('golden-check-latest').click();
    await seeText(page.getByTestId('regression-status'), 'Changed output');
    await seeText(page.getByTestId('regression-change'), /map_orders › records\[0\]\.lineItems\[0\]\.quantity: \d+ → "\d+"/);

    await page.goto(`${bridge.url.split('#')[0]}#/integrations/${encodeURIComponent(integration.id)}`);
    await page.getByTestId('update-all-preview').click();
    const check = page.getByTestId(`upgrade-check-${inst.id}`);
    await seeText(check.getByTestId('upgrade-check-outcome'), 'Changed output');
    await check.locator('summary').click();
    await seeText(check.getByTestId('regression-change'), /quantity/);
    await page.screenshot({ path: `${SHOTS}/golden-upgrade-preview.png` });
    expect(await page.getByTestId('update-unchanged').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
