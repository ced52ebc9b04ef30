import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import { openApp, tempDir, watchErrors, type BrowserApp, textWaiter } from './helpers';

// Moving an integration between two machines as a user does in browser mode: export it from one
// Patchbay (a download), import it into another (an upload), previewing what will be added, then
// importing the same file again (everything unchanged) and as a copy.

const SHOTS = 'test-results';

const seeText = textWaiter('bundles');

async function chooseBundle(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-bundle').click()]);
  await chooser.setFiles(path);
}

describe('bundles in browser mode', () => {
  let app: BrowserApp;
  let other: Bridge;
  const otherData = tempDir('patchbay-e2e-bundles-b-');
  const downloads = tempDir('patchbay-e2e-bundles-files-');

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-bundles-a-' });
    other = await startBridge({ dataDir: otherData.path, demoSandbox: false, staticDir: process.env.E2E_STATIC_DIR || undefined });
  });

  afterAll(async () => {
    await app?.close();
    await other?.close();
    otherData.remove();
    downloads.remove();
  });

  it('exports an integration as a download and imports it elsewhere with a preview', async () => {
    const { page, bridge } = app;
    const integration = await bridge.engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
    await bridge.engine.call('integrations.release', { id: integration.id, notes: 'first release' });

    await page.goto(bridge.url);
    await page.getByTestId('nav-integrations').click();
    await page.getByTestId('export-bundle').click();
    const dialog = page.getByTestId('export-bundle-dialog');
    await dialog.getByTestId(`export-integration-${integration.id}`).check();
    await seeText(dialog, 'v1');
    await page.screenshot({ path: `${SHOTS}/bundles-export.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-bundle-confirm').click()]);
    expect(download.suggestedFilename()).toMatch(/^netsuite-order-sync-\d{4}-\d{2}-\d{2}\.patchbay$/);
    const file = join(downloads.path, download.suggestedFilename());
    await download.saveAs(file);
    await dialog.waitFor({ state: 'detached' });
    const files = unzipSync(new Uint8Array(readFileSync(file)));
    expect(Object.keys(files)).toContain('integrations/netsuite-order-sync/releases/v1/workflows/fetch-historical-orders.json');
    expect(strFromU8(files['manifest.json'] as Uint8Array)).toContain('"formatVersion": 2');

    // The other machine: a second page onto another Patchbay with an empty data folder.
    const page2 = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors2 = watchErrors(page2);
    await page2.goto(other.url);
    await page2.getByTestId('nav-integrations').click();
    await page2.getByTestId('no-integrations').waitFor();
    await chooseBundle(page2, file);
    const importDialog = page2.getByTestId('import-bundle-dialog');
    await seeText(importDialog.getByTestId('plan-add'), 'NetSuite Order Sync v1');
    await seeText(importDialog.getByTestId('plan-add'), 'Write Back Tracking Number (draft)');
    await page2.screenshot({ path: `${SHOTS}/bundles-import-preview.png`, fullPage: true });
    expect(await other.engine.call('integrations.list', {})).toEqual([]); // the preview wrote nothing
    await importDialog.getByTestId('import-bundle-confirm').click();
    await seeText(importDialog.getByTestId('import-bundle-done'), 'Open NetSuite Order Sync');
    await importDialog.getByRole('button', { name: 'Close' }).click();
    await seeText(page2.getByTestId(`integration-row-${integration.id}`), 'v1');

    // The same file again: nothing new; as a copy, a second integration.
    await chooseBundle(page2, file);
    await seeText(importDialog.getByTestId('plan-unchanged'), 'NetSuite Order Sync v1');
    await importDialog.getByTestId('import-as-copy').check();
    await seeText(importDialog.getByTestId('plan-add'), 'NetSuite Order Sync v1');
    await importDialog.getByTestId('import-bundle-confirm').click();
    await seeText(importDialog.getByTestId('import-bundle-done'), 'Imported');
    await importDialog.getByRole('button', { name: 'Close' }).click();
    await page2.getByTestId('integration-table').locator('tbody tr').nth(1).waitFor();
    expect((await other.engine.call('integrations.list', {})).map((i) => i.latestRelease)).toEqual([1, 1]);
    expect([...app.errors, ...errors2]).toEqual([]);
  });
});
