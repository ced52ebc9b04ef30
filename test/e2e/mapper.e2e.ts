import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { openApp, type BrowserApp, textWaiter, installOrderSyncForAcme } from './helpers';

// Issue 12 in the browser, as a new user would: the visual mapper on "Map to Your App" of a
// customer's version, with samples fetched from the Demo sandbox, rules drawn by dragging, live
// values, the agreed spreadsheet imported through its preview, a suggestion accepted and undone,
// then saved and test-synced.

const SHOTS = 'test-results';
// Lines are SVG paths; a level one has no height, so they are awaited as attached, not visible.
const SAMPLES = new URL('../../resources/samples/', import.meta.url);

const seeText = textWaiter('mapper');

const src = (page: Page, path: string) => page.getByTestId(`source-field-${path}`);
const tgt = (page: Page, path: string) => page.getByTestId(`target-field-${path}`);

async function drag(page: Page, source: string, target: string): Promise<void> {
  await page.getByTestId('source-filter').fill(source.split('.').at(-1) ?? source);
  await page.getByTestId('target-filter').fill(target.split('.').at(-1) ?? target);
  await src(page, source).dragTo(tgt(page, target));
}

describe('visual field mapper in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-mapper-', demoSandbox: true, viewport: { width: 1600, height: 1000 } });
    ({ bridge, page, errors } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('maps a customer\'s fields visually on fetched samples, imports the sheet, accepts and undoes a suggestion, saves and test-syncs', async () => {
    const engine = bridge.engine;
    const { integration, inst } = await installOrderSyncForAcme(engine);
    const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
    if (!draft) throw new Error('the template has no shared mapping');
    // Acme's own version of the mapping, emptied so every line on screen is one this test drew.
    const custom = await engine.call('installationMappings.create', { installationId: inst.id, mappingId: draft.id });
    await engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: [] });
    const backfill = integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string;
    const listener = integration.workflows.find((w) => w.name === 'Listen for New and Updated Orders')?.id as string;

    // The customer's version of the backfill, its Map to Your App block, the mapper.
    await page.goto(`${bridge.url.split('#')[0]}#/installations/${encodeURIComponent(inst.id)}`);
    await page.getByTestId(`installation-workflow-${backfill}`).getByTestId('wf-create-user-version').click();
    await page.waitForURL(/#\/f\//);
    await page.getByTestId('node-map_orders').click();
    await page.getByTestId('shared-mapping').getByTestId('open-mapping').click();
    await page.getByTestId('visual-mapper').waitFor();
    // Both trees carry labels: the account's for NetSuite fields, the OpenAPI titles for Your App's.
    await seeText(tgt(page, 'external_order_id'), 'Order ID');
    await page.getByTestId('source-filter').fill('Procurement');
    await seeText(src(page, 'custbody_assigned_procurement_rep'), /Assigned Procurement Rep\s*custbody_assigned_procurement_rep/);
    await page.getByTestId('source-filter').fill('');

    // One click fetches samples from the installation's NetSuite connection.
    await page.getByTestId('fetch-samples').click();
    await seeText(page.getByTestId('record-index'), 'Record 1 of 5');
    await seeText(page.getByTestId('coverage-required'), '0 of 4 required mapped');

    // Drag tranId onto external_order_id: a line, and the live value of the first record.
    await drag(page, 'tranId', 'external_order_id');
    await page.getByTestId('line-external_order_id').waitFor({ state: 'attached' });
    await seeText(page.getByTestId('value-external_order_id'), /PO\d+/);
    await seeText(page.getByTestId('coverage-required'), '1 of 4 required mapped');

    // Array to array: each item's SKU becomes a line item's sku.
    await drag(page, 'item.items[*].item.refName', 'lineItems[*].sku');
    await seeText(page.getByTestId('value-lineItems[*].sku'), /\[".+"/);
    // The list itself onto the list: fields with the same name line up element by element.
    await drag(page, 'item.items[*]', 'lineItems[*]');
    await seeText(page.getByTestId('mapper-notice'), 'Mapped 1 field of lineItems[*] by name.');
    await seeText(page.getByTestId('value-lineItems[*].quantity'), /\[\d/);

    // Split the vendor's full name into first and last name, with the side panel's form.
    await drag(page, 'entity.refName', 'first_name');
    await page.getByTestId('add-transform').selectOption('splitName');
    await drag(page, 'entity.refName', 'last_name');
    await page.getByTestId('add-transform').selectOption('splitName');
    await page.getByTestId('tf-splitname-part').selectOption('last');
    await page.getByTestId('target-filter').fill('name');
    await seeText(page.getByTestId('value-first_name'), /\w/);
    await seeText(page.getByTestId('value-last_name'), /\w/);
    const first = (await page.getByTestId('value-first_name').textContent()) ?? '';
    const last = (await page.getByTestId('value-last_name').textContent()) ?? '';
    expect(first).not.toBe('');
    expect(last).not.toBe('');
    expect(first).not.toBe(last);
    await page.getByLabel('Next record').click();
    await seeText(page.getByTestId('record-index'), 'Record 2 of 5');

    // Text into a number field is marked red with the reason; undo takes it back.
    await drag(page, 'tranId', 'total');
    await seeText(page.getByTestId('problem-total'), 'goes into a number field');
    await page.screenshot({ path: `${SHOTS}/mapper-error.png` });
    await page.getByTestId('mapper-undo').click();
    await page.getByTestId('line-total').waitFor({ state: 'detached' });

    // The agreed spreadsheet: a preview first, then its lines.
    await page.getByTestId('source-filter').fill('');
    await page.getByTestId('target-filter').fill('');
    await page.getByTestId('mapping-import-file').setInputFiles(new URL('seed-mapping.csv', SAMPLES).pathname);
    await seeText(page.getByTestId('import-summary'), /Adds \d+, replaces \d+/);
    expect(await page.getByTestId('line-vendor.name').count()).toBe(0);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('line-vendor.name').waitFor({ state: 'attached' });
    await seeText(page.getByTestId('coverage-required'), '4 of 4 required mapped');
    await page.screenshot({ path: `${SHOTS}/mapper-imported.png` });

    // A suggestion for what is still unmapped: a dashed line; accept it, then undo.
    const count = async () => Number(/\d+/.exec((await page.getByTestId('rule-count').textContent()) ?? '')?.[0]);
    const before = await count();
    await page.getByTestId('suggest').click();
    const suggestion = page.getByTestId('suggestion-netsuite_id');
    await seeText(suggestion, 'id');
    await page.getByTestId('suggested-line-netsuite_id').waitFor({ state: 'attached' });
    await page.screenshot({ path: `${SHOTS}/mapper-suggestions.png` });
    await page.getByTestId('accept-netsuite_id').click();
    await page.getByTestId('line-netsuite_id').waitFor({ state: 'attached' });
    expect(await count()).toBe(before + 1);
    await page.keyboard.press('Control+z');
    await page.getByTestId('line-netsuite_id').waitFor({ state: 'detached' });
    expect(await count()).toBe(before);

    // Save (Done), then a test sync of the listener, which uses the same customer mapping.
    await page.getByTestId('mapping-close').click();
    await seeText(page.getByTestId('mapping-summary'), 'external_order_id');
    const saved = await engine.call('installationMappings.get', { id: custom.id });
    expect(saved.doc.rules.find((r) => r.target === 'external_order_id')?.source).toBe('tranId');
    expect(saved.doc.rules.some((r) => r.target === 'netsuite_id')).toBe(false);
    const run = await engine.call('installations.runWorkflow', { id: inst.id, workflowId: listener, mode: 'test', testLimit: 2, wait: true });
    const steps = await engine.call('runs.steps', { runId: run.id });
    const records = (steps.find((s) => s.blockId === 'map_orders')?.output as { records: Record<string, unknown>[] }).records;
    expect(records).toHaveLength(2);
    expect(records[0]?.external_order_id).toMatch(/^PO\d+/);
    expect(typeof records[0]?.first_name).toBe('string');
    expect(Array.isArray(records[0]?.lineItems)).toBe(true);
    expect(errors).toEqual([]);
  });
});
