import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { connect, dragBlock, openApp, startApiServer, type ApiServer, type BrowserApp, textWaiter } from './helpers';

// A new user in browser mode: create a workflow, build Trigger → JSON API Call → Branch by drag
// and drop, run it against a local API, read the steps, reload, and undo a deletion.

const SHOTS = 'test-results';

const seeText = textWaiter('editor');

describe('editor in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let api: ApiServer;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    api = await startApiServer();
    app = await openApp({ prefix: 'patchbay-e2e-' });
    ({ bridge, page, errors } = app);
  });

  afterAll(async () => {
    await app?.close();
    await api?.close();
  });

  it('builds, runs, reloads and undoes like a user would', async () => {
    await page.goto(bridge.url);
    await page.getByTestId('workflow-list').waitFor();
    expect(page.url()).not.toContain('token='); // the token leaves the address bar

    await page.getByTestId('new-workflow-name').fill('Check order status');
    await page.getByTestId('create-workflow').click();
    await page.getByTestId('editor').waitFor();
    await seeText(page.getByTestId('editor-title'), 'Check order status');

    await dragBlock(page, 'trigger', { x: 160, y: 260 });
    await dragBlock(page, 'http_request', { x: 470, y: 260 });
    await dragBlock(page, 'branch', { x: 780, y: 260 });
    for (const id of ['trigger', 'call', 'branch']) await page.getByTestId(`node-${id}`).waitFor();
    // A workflow has one trigger: the palette item is now disabled.
    expect(await page.getByTestId('palette-trigger').getAttribute('aria-disabled')).toBe('true');

    // Unconfigured blocks carry validation markers until they are filled in.
    await page.getByTestId('node-issues-call').waitFor();
    await page.screenshot({ path: `${SHOTS}/editor-building.png` });

    await connect(page, 'handle-trigger-out', 'handle-call-in');
    await connect(page, 'handle-call-out', 'handle-branch-in');
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);

    // Configure the call: the URL reads the order id from the run's input.
    await page.getByTestId('node-call').click();
    await page.getByTestId('field-url').fill(`${api.url}/orders/{{ trigger.input.orderId }}`);
    await page.getByTestId('node-branch').click();
    await page.getByLabel('Condition 1 field').fill('{{ steps.call.output.body.status }}');
    await page.getByLabel('Condition 1 value').fill('open');

    await page.getByTestId('save').click();
    await seeText(page.getByTestId('save-state'), /Saved · rev/);
    await page.waitForFunction(() => !document.querySelector('[data-testid="issue-count"]'));

    await page.getByTestId('run').click();
    await page.getByTestId('run-input').fill('{ "orderId": "SO-1042" }');
    await page.screenshot({ path: `${SHOTS}/run-dialog.png` });
    await page.getByTestId('run-confirm').click();
    await seeText(page.getByTestId('run-status'), 'succeeded');
    for (const id of ['trigger', 'call', 'branch']) await seeText(page.getByTestId(`step-${id}-status`), 'succeeded');
    expect(api.requests).toContain('GET /orders/SO-1042');
    await seeText(page.getByTestId('node-status-call'), 'Succeeded');

    // The call's response body, in the step's output viewer.
    await page.getByTestId('step-call').locator('summary').first().click();
    const output = page.getByTestId('step-call-output');
    await seeText(output, 'Acme Hardware');
    expect(await output.textContent()).toContain('"open"');
    expect(await output.textContent()).toContain('"SO-1042"');
    await page.screenshot({ path: `${SHOTS}/editor-run.png` });

    // Reload: the same workflow opens, as saved.
    await page.reload();
    await page.getByTestId('node-branch').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);
    await page.getByTestId('node-call').click();
    expect(await page.getByTestId('field-url').inputValue()).toBe(`${api.url}/orders/{{ trigger.input.orderId }}`);

    // Delete the Branch with the keyboard, then undo.
    await page.getByTestId('node-branch').click();
    await page.keyboard.press('Delete');
    await page.getByTestId('node-branch').waitFor({ state: 'detached' });
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-branch').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);

    // Multi-select with Ctrl+click, delete both, undo brings both back with their edges.
    await page.getByTestId('node-trigger').click();
    await page.getByTestId('node-call').click({ modifiers: ['Control'] });
    await seeText(page.getByTestId('inspector'), '2 blocks selected');
    await page.keyboard.press('Delete');
    await page.getByTestId('node-call').waitFor({ state: 'detached' });
    expect(await page.getByTestId('node-trigger').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-call').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);

    // Move a block by dragging it; undo puts it back where it was.
    const before = await page.getByTestId('node-branch').boundingBox();
    if (!before) throw new Error('branch not visible');
    await page.mouse.move(before.x + 60, before.y + 30);
    await page.mouse.down();
    await page.mouse.move(before.x + 110, before.y + 150, { steps: 8 });
    await page.mouse.up();
    const moved = await page.getByTestId('node-branch').boundingBox();
    expect(Math.round((moved?.y ?? 0) - before.y)).toBeGreaterThan(80);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      (y) => Math.abs((document.querySelector('[data-testid="node-branch"]')?.getBoundingClientRect().y ?? 0) - y) < 2,
      before.y,
    );

    // Copy and paste the call: a second call with a fresh id, offset from the first.
    await page.getByTestId('node-call').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByTestId('node-call_2').waitFor();
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-call_2').waitFor({ state: 'detached' });

    // The list shows the workflow with its three blocks.
    await page.getByTestId('back-to-list').click();
    const row = page.locator('.workflow-row', { hasText: 'Check order status' });
    await row.waitFor();
    expect(await row.locator('td.num').first().textContent()).toBe('3');
    expect(errors).toEqual([]);
  });

  it('renames, duplicates and deletes workflows from the list', async () => {
    await bridge.engine.call('workflows.create', { name: 'Write Back Tracking Number' });
    await page.goto(`${new URL(bridge.url).origin}/#/`);
    await page.reload(); // the list was already open: fetch it again
    const row = page.locator('.workflow-row', { hasText: 'Write Back Tracking Number' });
    await row.getByTestId('rename').click();
    await page.getByTestId('rename-input').fill('Write Back Tracking');
    await page.keyboard.press('Enter');
    const renamed = page.locator('.workflow-row', { hasText: 'Write Back Tracking' });
    await renamed.waitFor();
    await renamed.getByTestId('duplicate').click();
    const copy = page.locator('.workflow-row', { hasText: 'Write Back Tracking (copy)' });
    await copy.waitFor();
    await copy.getByTestId('delete').click();
    await page.screenshot({ path: `${SHOTS}/workflow-list.png` });
    await copy.getByTestId('confirm-delete').click();
    await copy.waitFor({ state: 'detached' });
    expect((await bridge.engine.call('workflows.list', {})).map((w) => w.name)).toContain('Write Back Tracking');
    expect((await bridge.engine.call('workflows.list', {})).map((w) => w.name)).not.toContain('Write Back Tracking (copy)');
    expect(errors).toEqual([]);
  });

  it('draws the template\'s Stop → fetch connection, and shows an unknown block with its settings kept', async () => {
    const [template] = await bridge.engine.call('integrations.templates', {});
    const integration = await bridge.engine.call('integrations.createFromTemplate', { templateId: template?.id ?? '' });
    const historical = integration.workflows.find((w) => w.name === 'Fetch Historical Orders');
    await page.goto(bridge.url); // the session token rides on the first address
    await page.goto(`${new URL(bridge.url).origin}/#/w/${historical?.id}`);
    await page.getByTestId('node-hold').waitFor();
    // The Stop block has an "out" handle and its edge to the fetch is drawn.
    await page.getByTestId('handle-hold-out').waitFor();
    await page.locator('.react-flow__edge[data-id="e_hold_fetch"]').waitFor({ state: 'attached' });

    const created = await bridge.engine.call('workflows.create', {
      name: 'From a newer bundle',
      doc: {
        name: 'From a newer bundle',
        blocks: [
          { id: 'trigger', kind: 'trigger', name: 'Trigger', config: { type: 'manual' }, position: { x: 0, y: 0 } },
          { id: 'future', kind: 'salesforce_sync', name: 'Sync accounts', config: { object: 'Account', batch: 200 }, position: { x: 300, y: 0 } },
        ],
        edges: [{ id: 'e1', from: 'trigger', port: 'out', to: 'future' }],
      },
    });
    await page.goto(`${new URL(bridge.url).origin}/#/w/${created.id}`);
    await seeText(page.getByTestId('node-future'), 'Unknown block (salesforce_sync)');
    await page.getByTestId('node-future').click();
    expect(JSON.parse(await page.getByTestId('field-config').inputValue())).toEqual({ object: 'Account', batch: 200 });
    await seeText(page.getByTestId('block-issues'), /Unknown block kind "salesforce_sync"/);
    expect(errors).toEqual([]);
  });

  it('marks a failed block on the canvas and shows the error response', async () => {
    const created = await bridge.engine.call('workflows.create', {
      name: 'Failing call',
      doc: {
        name: 'Failing call',
        blocks: [
          { id: 'trigger', kind: 'trigger', name: 'Trigger', config: { type: 'manual' }, position: { x: 0, y: 0 } },
          { id: 'fetch', kind: 'http_request', name: 'Fetch stock', config: { method: 'GET', url: `${api.url}/fail`, headers: {}, query: {}, timeoutMs: 5000 }, position: { x: 300, y: 0 } },
        ],
        edges: [{ id: 'e1', from: 'trigger', port: 'out', to: 'fetch' }],
      },
    });
    await page.goto(`${new URL(bridge.url).origin}/#/w/${created.id}`);
    await page.getByTestId('node-fetch').waitFor();
    await page.getByTestId('run').click();
    await page.getByTestId('run-confirm').click();
    await seeText(page.getByTestId('run-status'), 'failed');
    await seeText(page.getByTestId('step-fetch-status'), 'failed');
    expect(await page.getByTestId('node-fetch').getAttribute('data-status')).toBe('failed');
    await seeText(page.getByTestId('step-fetch-error'), /500|warehouse/);
    await page.screenshot({ path: `${SHOTS}/editor-failed.png` });
    expect(errors).toEqual([]);
  });

  it('shows a conflict when the workflow changed elsewhere, and reloads it', async () => {
    const created = await bridge.engine.call('workflows.create', { name: 'Shared draft' });
    await page.goto(`${new URL(bridge.url).origin}/#/w/${created.id}`);
    await page.getByTestId('editor').waitFor();
    // Someone else saves a new revision.
    await bridge.engine.call('workflows.save', { id: created.id, baseRev: created.rev, doc: { ...created.doc, notes: 'edited elsewhere' } });
    await dragBlock(page, 'log', { x: 500, y: 300 });
    await page.keyboard.press('Control+s');
    await page.getByTestId('conflict-banner').waitFor();
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('conflict-banner').waitFor({ state: 'detached' });
    expect(await page.getByTestId('node-log').count()).toBe(0);
    expect(await page.getByTestId('field-workflow-notes').inputValue()).toBe('edited elsewhere');
    // The refused save is logged by Chromium as a failed resource load; nothing else may fail.
    expect(errors.filter((e) => !/Failed to load resource: .* 409/.test(e))).toEqual([]);
  });

  it('zooms, pans, fits the view and shows a minimap', async () => {
    const created = await bridge.engine.call('workflows.create', { name: 'Navigate' });
    await page.goto(`${new URL(bridge.url).origin}/#/w/${created.id}`);
    await page.getByTestId('editor').waitFor();
    await dragBlock(page, 'log', { x: 500, y: 300 });
    const viewport = page.locator('.react-flow__viewport');
    const transform = async (): Promise<string> => (await viewport.getAttribute('style')) ?? '';
    const scaleOf = (t: string): number => Number(/scale\(([0-9.]+)\)/.exec(t)?.[1] ?? 'NaN');
    const before = await transform();
    await page.locator('.react-flow__controls-zoomin').click();
    await page.waitForFunction((b) => (document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '') !== b, before);
    expect(scaleOf(await transform())).toBeGreaterThan(scaleOf(before));
    // Pan: drag the empty pane.
    const pane = page.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('no pane');
    const zoomed = await transform();
    await page.mouse.move(box.x + 60, box.y + box.height - 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 260, box.y + box.height - 160, { steps: 8 });
    await page.mouse.up();
    expect(await transform()).not.toBe(zoomed);
    await page.locator('.react-flow__controls-fitview').click();
    await expect.poll(async () => page.getByTestId('node-log').isVisible()).toBe(true);
    expect(await page.locator('.react-flow__minimap').isVisible()).toBe(true);
    expect(errors.filter((e) => !/Failed to load resource: .* 409/.test(e))).toEqual([]);
  });
});
