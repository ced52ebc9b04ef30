import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { ORDER_SYNC_MAPPING } from '../../engine/templates/order-sync-mapping';
import { openApp, type BrowserApp, textWaiter, installOrderSyncForAcme } from './helpers';

// Issue 10, item 3 in the browser: the Order Sync template's one shared mapping, customised once
// for a customer on the installation page, used by the listener, seen from the Map Fields
// inspector of a user-specific version, and rebased rule by rule when base v2 changes it.

const SHOTS = 'test-results';

const seeText = textWaiter('mappings');

describe('shared mappings in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-map-', demoSandbox: true, viewport: { width: 1440, height: 1000 } });
    ({ bridge, page, errors } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('customises the shared mapping once; the listener uses it; a base change is rebased rule by rule', async () => {
    const engine = bridge.engine;
    const { integration, inst } = await installOrderSyncForAcme(engine);
    const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
    if (!draft) throw new Error('the template has no shared mapping');
    const listener = integration.workflows.find((w) => w.name === 'Listen for New and Updated Orders')?.id as string;

    // The integration page lists its one shared mapping.
    await page.goto(`${bridge.url.split('#')[0]}#/integrations/${encodeURIComponent(integration.id)}`);
    const card = page.getByTestId(`integration-mapping-${draft.id}`);
    await seeText(card, ORDER_SYNC_MAPPING);
    await seeText(card, '12');

    await page.goto(`${bridge.url.split('#')[0]}#/installations/${encodeURIComponent(inst.id)}`);
    const row = page.getByTestId(`installation-mapping-${draft.id}`);
    await seeText(row.getByTestId('mapping-used-by'), 'Fetch Historical Orders, Listen for New and Updated Orders');
    await row.getByTestId('mapping-base-badge').waitFor();

    // Customise mapping, then add a constant rule in the mapping table.
    await row.getByTestId('mapping-customise').click();
    await row.getByTestId('mapping-custom-badge').waitFor();
    await page.getByTestId('shared-mapping').getByTestId('open-mapping').click();
    const editor = page.getByTestId('mapping-editor');
    await editor.getByTestId('view-table').click();
    await editor.getByTestId('add-rule').click();
    const n = await page.locator('.rule-row').count();
    await page.getByLabel(`Target ${n}`, { exact: true }).fill('customer_code');
    await page.getByLabel(`Source kind ${n}`, { exact: true }).selectOption('constant');
    await page.getByLabel(`Source ${n}`, { exact: true }).fill('ACME');
    await page.screenshot({ path: `${SHOTS}/mappings-customise.png` });
    await page.getByTestId('mapping-close').click();
    await seeText(page.getByTestId('shared-mapping').getByTestId('mapping-summary'), 'customer_code');

    // The listener (never customised itself) maps with Acme's mapping.
    const test = await engine.call('installations.runWorkflow', { id: inst.id, workflowId: listener, mode: 'test', testLimit: 2, wait: true });
    const steps = await engine.call('runs.steps', { runId: test.id });
    const records = (steps.find((s) => s.blockId === 'map_orders')?.output as { records: Record<string, unknown>[] }).records;
    expect(records.map((r) => r.customer_code)).toEqual(['ACME', 'ACME']);

    // In the listener's user-specific version the inspector names the shared mapping and its owner.
    await page.getByTestId(`installation-workflow-${listener}`).getByTestId('wf-create-user-version').click();
    await page.waitForURL(/#\/f\//);
    await page.getByTestId('node-map_orders').click();
    expect(await page.getByTestId('field-mapping').inputValue()).toBe(ORDER_SYNC_MAPPING);
    await seeText(page.getByTestId('shared-mapping-status'), 'own version');
    await seeText(page.getByTestId('mapping-summary'), 'customer_code');
    await page.screenshot({ path: `${SHOTS}/mappings-inspector.png` });

    // Base v2 trims the vendor email; Acme's version lower-cases it: one conflict, on that rule.
    const custom = (await engine.call('installationMappings.list', { installationId: inst.id }))[0]?.custom;
    if (!custom) throw new Error('no customer mapping');
    const mine = await engine.call('installationMappings.get', { id: custom.id });
    await engine.call('installationMappings.save', { id: mine.id, baseRev: mine.rev, rules: mine.doc.rules.map((r) => (r.id === 'vendor_email' ? { ...r, transforms: [{ name: 'lower', args: [] }] } : r)) });
    await engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: draft.doc.rules.map((r) => (r.id === 'vendor_email' ? { ...r, transforms: [{ name: 'trim', args: [] }] } : r)) });
    await engine.call('integrations.release', { id: integration.id, notes: 'v2: trim emails' });

    await page.goto(`${bridge.url.split('#')[0]}#/installations/${encodeURIComponent(inst.id)}`);
    await row.getByTestId('mapping-update-available').waitFor();
    await row.getByTestId('mapping-diff').click();
    await seeText(page.getByTestId('mapping-diff-panel'), 'customer_code');
    await row.getByTestId('mapping-rebase').click();
    const panel = page.getByTestId('mapping-rebase-panel');
    await seeText(panel.getByTestId('rebase-summary'), '1 conflict to resolve');
    const conflict = panel.locator('[data-testid^="conflict-rule vendor_email"]');
    await seeText(conflict, 'lower');
    await conflict.getByLabel(/Keep the customer's version/).check();
    await page.screenshot({ path: `${SHOTS}/mappings-rebase.png`, fullPage: true });
    await panel.getByTestId('rebase-accept').click();
    await seeText(page.getByTestId('mapping-rebase-done'), 'Mapping rebased onto v2.');
    await row.getByTestId('mapping-update-available').waitFor({ state: 'detached' });
    const rebased = await engine.call('installationMappings.get', { id: custom.id });
    expect(rebased.ancestorVersion).toBe(2);
    expect(rebased.doc.rules.find((r) => r.id === 'vendor_email')?.transforms).toEqual([{ name: 'lower', args: [] }]);
    expect(rebased.doc.rules.some((r) => r.target === 'customer_code')).toBe(true);

    // In the base editor the same inspector edits the integration's draft mapping.
    await page.goto(`${bridge.url.split('#')[0]}#/w/${encodeURIComponent(listener)}`);
    await page.getByTestId('node-map_orders').click();
    expect(await page.getByTestId('field-mapping').inputValue()).toBe(ORDER_SYNC_MAPPING);
    await seeText(page.getByTestId('shared-mapping-status'), 'changes ship with the next release');
    const before = (await engine.call('mappings.get', { id: draft.id })).rev;
    await page.getByTestId('open-mapping').click();
    await page.getByTestId('view-table').click();
    const rows = await page.locator('.rule-row').count();
    await page.getByTestId('add-rule').click();
    await page.getByLabel(`Target ${rows + 1}`, { exact: true }).fill('source_system');
    await page.getByLabel(`Source kind ${rows + 1}`, { exact: true }).selectOption('constant');
    await page.getByLabel(`Source ${rows + 1}`, { exact: true }).fill('netsuite');
    await page.getByTestId('mapping-close').click();
    await seeText(page.getByTestId('mapping-summary'), 'source_system');
    await page.screenshot({ path: `${SHOTS}/mappings-base-editor.png` });
    const after = await engine.call('mappings.get', { id: draft.id });
    expect(after.rev).toBeGreaterThan(before);
    const added = after.doc.rules.find((r) => r.target === 'source_system');
    // "+ Add rule" generated its id (the target was still empty): never a constant like "rule".
    expect(added?.id).toMatch(/^rule_[0-9a-f]{10}$/);
    expect(rebased.doc.rules.some((r) => r.id === added?.id)).toBe(false);
    expect(errors).toEqual([]);
  });
});
