import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { connect, dragBlock, openApp, type BrowserApp, textWaiter } from './helpers';

// A user builds the Order Sync data path in browser mode: NetSuite purchase orders from the demo
// sandbox, mapped with the customer's spreadsheet (imported, previewed on a sample), then
// reshaped by Custom Code in Monaco (run with a sample, a runtime error marked on its line).

const SHOTS = 'test-results';
const SAMPLES = new URL('../../resources/samples/', import.meta.url);
const purchaseOrders = JSON.parse(readFileSync(new URL('seed-purchase-orders.json', SAMPLES), 'utf8')) as unknown[];

const seeText = textWaiter('blocks');

/**
 * Replaces the text of the Monaco editor as a user pasting code would: select all, then a paste
 * event (typed text would get Monaco's auto-closing brackets and indentation on top).
 */
/** A rule's value or error cell by the target its id was generated from (ids end in a random part). */
function ruleCell(page: Page, cell: 'value' | 'errors', target: string): Locator {
  return page.locator(`[data-testid^="rule-${cell}-${target}_"]`);
}

async function setCode(page: Page, code: string): Promise<void> {
  await page.locator('[data-testid="code-editor"] .view-lines').click();
  await page.keyboard.press('Control+a');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
  await page.waitForFunction(
    (first) => document.querySelector('[data-testid="code-editor"] .view-lines')?.textContent?.replace(/\u00a0/g, ' ').startsWith(first) ?? false,
    code.split('\n')[0] ?? '',
  );
}

const CODE = `export function run(input: Input, ctx: Ctx) {
  console.log(\`mapping \${input.length} orders\`);
  return input.map((o) => ({ id: o.external_order_id, lines: o.lineItems.length, rep: o.custom_field_1 }));
}
`;

const FAILING = `export function run(input: Input) {
  const missing = input[5];
  return missing.external_order_id;
}
`;

describe('Map Fields, Custom Code and NetSuite blocks in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-blocks-', demoSandbox: true });
    ({ bridge, page, errors } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('fetches, maps with an imported sheet, previews, and reshapes with code', async () => {
    await page.goto(bridge.url);
    await page.getByTestId('new-workflow-name').fill('Fetch Historical Orders');
    await page.getByTestId('create-workflow').click();
    await page.getByTestId('editor').waitFor();

    await dragBlock(page, 'trigger', { x: 120, y: 200 });
    await dragBlock(page, 'netsuite_fetch_orders', { x: 360, y: 200 });
    await dragBlock(page, 'map_fields', { x: 600, y: 200 });
    await dragBlock(page, 'custom_code', { x: 840, y: 200 });
    for (const id of ['trigger', 'fetch_orders', 'map', 'code']) await page.getByTestId(`node-${id}`).waitFor();
    await connect(page, 'handle-trigger-out', 'handle-fetch_orders-in');
    await connect(page, 'handle-fetch_orders-out', 'handle-map-in');
    await connect(page, 'handle-map-out', 'handle-code-in');
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 3);

    // NetSuite: the demo sandbox connection, two orders for a test.
    await page.getByTestId('node-fetch_orders').click();
    await page.getByTestId('field-connectionId').selectOption({ label: 'Demo sandbox (NetSuite)' });
    await page.getByTestId('field-hasLimit').check();
    await page.getByTestId('field-limit').fill('2');
    await page.screenshot({ path: `${SHOTS}/blocks-netsuite-fetch.png` });

    // Map Fields: import the agreed spreadsheet, then preview it on pasted purchase orders.
    await page.getByTestId('node-map').click();
    await page.getByTestId('field-input').fill('{{ steps.fetch_orders.output.orders }}');
    await page.getByTestId('open-mapping').click();
    await page.getByTestId('view-table').click();
    await page.getByTestId('mapping-import-file').setInputFiles(new URL('seed-mapping.csv', SAMPLES).pathname);
    await seeText(page.getByTestId('import-summary'), 'Adds 11, replaces 0');
    await page.getByTestId('import-apply').click();
    expect(await page.locator('.rule-row').count()).toBe(11);
    await page.getByTestId('mapping-sample').fill(JSON.stringify(purchaseOrders.slice(0, 2), null, 2));
    await seeText(ruleCell(page, 'value', 'external_order_id'), '"PO1000"');
    await seeText(ruleCell(page, 'value', 'first_name'), '"Chinedu"');
    await seeText(ruleCell(page, 'value', 'last_name'), '"Okafor"');
    await seeText(ruleCell(page, 'value', 'lineItems_sku'), 'WIDGET-RED');
    await seeText(page.getByTestId('mapped-output'), 'Dana Whitfield');
    // A transform that cannot apply is reported beside its row, on the record that fails.
    await page.getByLabel('Transforms 1', { exact: true }).fill('number');
    await seeText(ruleCell(page, 'errors', 'external_order_id'), /not a number/);
    await page.screenshot({ path: `${SHOTS}/blocks-mapping-preview.png` });
    await page.getByLabel('Transforms 1', { exact: true }).fill('');
    await ruleCell(page, 'errors', 'external_order_id').waitFor({ state: 'detached' });
    // A target the sheet does not cover: the suggestion ranks NetSuite's total first.
    await page.getByTestId('mapping-targets').fill('order_total: Order total');
    await page.getByTestId('suggest').click();
    const suggestion = page.getByTestId('suggestion-order_total');
    await seeText(suggestion, 'total');
    await suggestion.getByRole('button', { name: 'Use' }).first().click();
    await seeText(ruleCell(page, 'value', 'order_total'), '1558.81');
    // Export the sheet back for the customer.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mapping-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('Map Fields.csv');
    const sheet = readFileSync(await download.path(), 'utf8');
    expect(sheet).toContain('lineItems[*].sku,item.items[*].item.refName');
    expect(sheet).toContain('order_total,total');
    await page.getByTestId('mapping-close').click();
    await seeText(page.getByTestId('mapping-summary'), 'lineItems[*].sku');

    // Custom Code: Monaco loads on demand; run the code on a sample of mapped records.
    await page.getByTestId('node-code').click();
    await page.getByTestId('field-input').fill('{{ steps.map.output.records }}');
    await page.locator('[data-testid="code-editor"] .monaco-editor').waitFor({ timeout: 30_000 });
    await setCode(page, CODE);
    const mapped = [{ external_order_id: 'PO1000', lineItems: [{ sku: 'A' }, { sku: 'B' }], custom_field_1: 'Dana Whitfield' }];
    // The engine derives the editor's typings from the sample (code.typings); wait for that answer.
    const typed = page.waitForResponse((r) => r.url().includes('/api/call/code.typings') && (r.request().postData() ?? '').includes('custom_field_1'));
    await page.getByTestId('code-sample').fill(JSON.stringify(mapped));
    await typed;
    // Completion knows the sample's fields: `input` is typed from it.
    await setCode(page, 'export function run(input: Input) {\n  return input[0].lineItems;\n}\n');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < 'lineItems;'.length; i++) await page.keyboard.press('ArrowLeft');
    // Ask for completion until the typings have reached the editor (they arrive asynchronously).
    await expect
      .poll(async () => {
        await page.keyboard.press('Control+Space');
        return page
          .locator('.suggest-widget')
          .filter({ hasText: 'custom_field_1' })
          .first()
          .waitFor({ timeout: 3000 })
          .then(() => true, () => false);
      }, { timeout: 20_000, interval: 500 })
      .toBe(true);
    await page.keyboard.press('Escape');
    await setCode(page, CODE);
    await page.getByTestId('code-check-ok').waitFor();
    await page.getByTestId('code-run').click();
    await seeText(page.getByTestId('code-console'), 'mapping 1 orders');
    await seeText(page.getByTestId('code-output'), 'Dana Whitfield');
    await page.screenshot({ path: `${SHOTS}/blocks-code-run.png` });
    await page.getByTestId('code-expand').click();
    await page.screenshot({ path: `${SHOTS}/blocks-code-expanded.png` });
    await page.getByTestId('code-expand').click();

    // A runtime error: shown inline and marked on the failing line.
    await setCode(page, FAILING);
    await page.getByTestId('code-run').click();
    await seeText(page.getByTestId('code-error'), /line 3/);
    await page.locator('[data-testid="code-editor"] .squiggly-error').first().waitFor();
    await page.locator('[data-testid="code-editor"] .view-lines').click();
    // F8 jumps to the next problem from the cursor: the start of the failing line.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('F8');
    await seeText(page.locator('.marker-widget'), 'Run failed here');
    await page.screenshot({ path: `${SHOTS}/blocks-code-error.png` });
    await page.keyboard.press('Escape');
    await setCode(page, CODE);

    // Saved, valid, and the whole path runs against the demo NetSuite account.
    await page.getByTestId('save').click();
    await seeText(page.getByTestId('save-state'), /Saved · rev/);
    await page.waitForFunction(() => !document.querySelector('[data-testid="issue-count"]'));
    const listed = (await bridge.engine.call('workflows.list', {})).find((w) => w.name === 'Fetch Historical Orders');
    const saved = await bridge.engine.call('workflows.get', { id: listed?.id ?? '' });
    expect(saved.doc.blocks.find((b) => b.id === 'code')?.config.code).toBe(CODE);
    expect(saved.doc.blocks.find((b) => b.id === 'map')?.config.rules).toHaveLength(12);
    await page.getByTestId('run').click();
    await page.getByTestId('run-confirm').click();
    await seeText(page.getByTestId('run-status'), 'succeeded', 30_000);
    // The fetch streams its pages: it and the blocks after it run once per page (here one, page 0).
    for (const id of ['fetch_orders', 'map', 'code']) {
      await page.getByTestId(`step-group-${id}`).locator('summary').first().click();
      await seeText(page.getByTestId(`step-${id}-0-status`), 'succeeded');
    }
    await page.getByTestId('step-code-0').locator('summary').first().click();
    await seeText(page.getByTestId('step-code-0-output'), 'mapping 2 orders');

    // The mapping table offers the last run's records as its sample.
    await page.getByTestId('node-map').click();
    await page.getByTestId('open-mapping').click();
    await page.getByTestId('use-last-sample').click();
    await seeText(page.getByTestId('record-index'), 'Record 1 of 2');
    await seeText(ruleCell(page, 'value', 'external_order_id'), /"PO\d+"/);
    await page.screenshot({ path: `${SHOTS}/blocks-mapping-last-run.png` });
    await page.getByTestId('mapping-close').click();
    expect(errors).toEqual([]);
  });

  it('lists, edits and tests a connection with its secrets masked', async () => {
    await page.goto(`${new URL(bridge.url).origin}/#/connections`);
    await page.reload();
    await page.getByTestId('connections-page').waitFor();
    await page.getByTestId('edit-connection-demo-netsuite').click();
    const secret = page.getByTestId('connection-field-tokenSecret');
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toContain('••••••••');
    await page.getByTestId('connection-test').click();
    await seeText(page.getByTestId('connection-test-result'), '✓');
    await secret.fill('not-the-secret');
    await page.getByTestId('connection-test').click();
    await seeText(page.getByTestId('connection-test-result'), /✗ auth_failed/);
    await page.screenshot({ path: `${SHOTS}/blocks-connections.png` });
    // Cancel: nothing saved, so the stored secret still works.
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await bridge.engine.call('connections.test', { id: 'demo-netsuite' })).toMatchObject({ ok: true });
    expect(errors).toEqual([]);
  });

  it('tests the OAuth 2.0 demo connection and names the failing step for a wrong key', async () => {
    await page.goto(`${new URL(bridge.url).origin}/#/connections`);
    await page.reload();
    await page.getByTestId('connections-page').waitFor();
    await page.getByTestId('edit-connection-demo-netsuite-m2m').click();
    expect(await page.getByTestId('connection-field-authMode').inputValue()).toBe('oauth2');
    expect(await page.getByTestId('connection-field-tokenSecret').count()).toBe(0);
    const key = page.getByTestId('connection-field-privateKey');
    expect(await key.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await key.getAttribute('placeholder')).toContain('••••••••');
    await page.getByTestId('connection-test').click();
    await seeText(page.getByTestId('connection-test-result'), /✓ Connected to NetSuite account 1234567_SB1 with OAuth 2\.0/);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    await key.fill(other.privateKey);
    await page.getByTestId('connection-test').click();
    await seeText(page.getByTestId('connection-test-result'), /✗ auth_failed: Step 2 of 3/);
    await page.screenshot({ path: `${SHOTS}/blocks-connection-oauth2.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await bridge.engine.call('connections.test', { id: 'demo-netsuite-m2m' })).toMatchObject({ ok: true });
    expect(errors).toEqual([]);
  });
});
