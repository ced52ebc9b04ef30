import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { connect, openApp, type BrowserApp, textWaiter } from './helpers';

// Story steps 3-6 as a new user does them in browser mode: create an integration, release it,
// install it for a customer (the run stops at the Stop block), make a user-specific version
// without the Stop block and with a different request body, compare it with base, release a
// new base version, rebase, and find both sides' changes in the result.

const SHOTS = 'test-results';

interface Receiver {
  readonly url: string;
  readonly bodies: unknown[];
  close(): Promise<void>;
}

/** The customer's API: records every JSON body posted to it. */
async function startReceiver(): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      bodies.push(text ? (JSON.parse(text) as unknown) : null);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

const seeText = textWaiter('installations');

function historicalFetch(url: string) {
  return {
    name: 'Fetch Historical Orders',
    blocks: [
      { id: 'trigger', kind: 'trigger', name: 'On install', config: { type: 'install' }, position: { x: 0, y: 100 } },
      { id: 'hold', kind: 'stop', name: 'Wait for mapping', config: { reason: 'Agree the field mapping with the customer first' }, position: { x: 300, y: 100 } },
      { id: 'send', kind: 'http_request', name: 'Send orders', config: { method: 'POST', url: `${url}/orders`, headers: {}, query: {}, body: { source: 'netsuite' }, timeoutMs: 5000 }, position: { x: 600, y: 100 } },
      { id: 'note', kind: 'log', name: 'Note', config: { message: 'sent' }, position: { x: 900, y: 100 } },
    ],
    edges: [
      { id: 'e1', from: 'trigger', port: 'out' as const, to: 'hold' },
      { id: 'e2', from: 'hold', port: 'out' as const, to: 'send' },
      { id: 'e3', from: 'send', port: 'out' as const, to: 'note' },
    ],
  };
}

describe('installations in browser mode', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let api: Receiver;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    api = await startReceiver();
    app = await openApp({ prefix: 'patchbay-e2e-inst-', viewport: { width: 1440, height: 1000 } });
    ({ bridge, page, errors } = app);
  });

  afterAll(async () => {
    await app?.close();
    await api?.close();
  });

  it('installs, customises, diffs and rebases a customer version', async () => {
    await page.goto(bridge.url);
    await page.getByTestId('nav-integrations').click();

    // An integration with one base workflow (its document comes through the client: building it
    // by hand is the editor test's job), released as v1 from the UI.
    await page.getByTestId('integration-name').fill('NetSuite Order Sync');
    await page.getByTestId('create-integration').click();
    await page.getByTestId('integration-detail').waitFor();
    const integrationId = decodeURIComponent(page.url().split('#/integrations/')[1] ?? '');
    const base = await bridge.engine.call('integrations.addWorkflow', { id: integrationId, name: 'Fetch Historical Orders', doc: historicalFetch(api.url) });
    await page.reload();
    await seeText(page.getByTestId('base-workflows'), 'Fetch Historical Orders');
    await page.getByTestId('release-notes').fill('First release: hold until the mapping is agreed');
    await page.getByTestId('release').click();
    await seeText(page.getByTestId('release-done'), 'Released v1');
    await seeText(page.getByTestId('release-v1'), 'First release');
    await page.screenshot({ path: `${SHOTS}/installations-integration.png`, fullPage: true });

    // An installation for Acme, installed: the on-install run stops at the Stop block.
    await page.getByTestId('nav-installations').click();
    await page.getByTestId('new-installation').click();
    await page.getByTestId('new-installation-customer').fill('Acme Hardware');
    await page.getByTestId('new-installation-external-id').fill('CRM-0042');
    await page.getByTestId('create-installation').click();
    await page.getByTestId('installation-page').waitFor();
    await seeText(page.getByTestId('installation-title'), 'Acme Hardware');
    // Not installed yet: there is nothing to uninstall.
    expect(await page.getByTestId('uninstall').count()).toBe(0);
    await page.getByTestId('install').click();
    await seeText(page.getByTestId('install-done'), /1 workflow started/);
    await page.getByTestId('uninstall').waitFor();
    const row = page.getByTestId(`installation-workflow-${base.id}`);
    await seeText(row.getByTestId('last-run-status'), 'stopped');
    await seeText(row.getByTestId('last-run-stop-reason'), 'Agree the field mapping with the customer first');
    expect(api.bodies).toEqual([]); // nothing was sent past the Stop block
    await row.getByTestId('wf-view-runs').click();
    await seeText(page.getByTestId('run-item-stop-reason'), 'Stopped: Agree the field mapping');
    await page.screenshot({ path: `${SHOTS}/installations-installed.png`, fullPage: true });

    // The customer's own version opens on the canvas, saying whose it is.
    await row.getByTestId('wf-create-user-version').click();
    await page.waitForURL(/#\/f\//);
    const userVersionId = decodeURIComponent(page.url().split('#/f/')[1] ?? '');
    await seeText(page.getByTestId('user-version-banner'), 'User-specific version for Acme Hardware');
    await seeText(page.getByTestId('user-version-banner'), 'based on v1');

    // Remove the Stop block, wire the trigger to the API call, and change the call's body.
    await page.getByTestId('node-hold').click();
    await page.keyboard.press('Delete');
    await page.getByTestId('node-hold').waitFor({ state: 'detached' });
    await connect(page, 'handle-trigger-out', 'handle-send-in');
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);
    await page.getByTestId('node-send').click();
    await page.getByTestId('field-body').fill('{ "source": "netsuite", "customer": "acme" }');
    await page.getByTestId('save').click();
    await seeText(page.getByTestId('save-state'), /Saved · rev/);

    // The diff against base: a list of changes, and the canvas marks what changed.
    await page.getByTestId('user-version-diff').click();
    const changes = page.getByTestId('user-version-diff-panel');
    await seeText(changes.getByTestId('diff-block-removed-hold'), 'Wait for mapping');
    await seeText(changes.getByTestId('diff-block-changed-send'), 'body › customer');
    await seeText(changes.getByTestId('diff-block-changed-send'), '"acme"');
    expect(await page.getByTestId('node-send').getAttribute('data-diff')).toBe('changed');
    await page.getByTestId('ghost-hold').waitFor(); // the removed block, drawn as a ghost
    expect(await page.getByTestId('node-note').getAttribute('data-diff')).toBeNull();
    await page.screenshot({ path: `${SHOTS}/installations-user-version-diff.png` });

    // Back on the installation page the workflow is custom, and its diff says the same.
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('installation-page').waitFor();
    await row.getByTestId('custom-badge').waitFor();
    await row.getByTestId('wf-diff').click();
    await seeText(page.getByTestId('diff-panel').getByTestId('diff-block-removed-hold'), 'Wait for mapping');

    // The vendor releases v2, changing another block (the log message).
    const draft = await bridge.engine.call('workflows.get', { id: base.id });
    await bridge.engine.call('workflows.save', {
      id: base.id, baseRev: draft.rev,
      doc: { ...draft.doc, blocks: draft.doc.blocks.map((b) => (b.id === 'note' ? { ...b, config: { message: 'sent by v2' } } : b)) },
    });
    await bridge.engine.call('integrations.release', { id: integrationId, notes: 'Better log line' });

    // Rebase from the UI: a preview first, nothing saved until Accept.
    await page.reload();
    await row.getByTestId('update-available').waitFor();
    await row.getByTestId('wf-rebase').click();
    await seeText(page.getByTestId('rebase-summary'), 'No conflicts');
    expect((await bridge.engine.call('userVersions.get', { id: userVersionId })).ancestorVersion).toBe(1);
    await page.screenshot({ path: `${SHOTS}/installations-rebase.png`, fullPage: true });
    await page.getByTestId('rebase-accept').click();
    await seeText(page.getByTestId('rebase-done'), 'Rebased onto v2');
    await row.getByTestId('update-available').waitFor({ state: 'detached' });

    // Both changes are in the result: the customer's (no Stop, new body) and the vendor's (log).
    await row.getByTestId('wf-open').click();
    await seeText(page.getByTestId('user-version-banner'), 'based on v2');
    await page.getByTestId('node-send').waitFor();
    expect(await page.getByTestId('node-hold').count()).toBe(0);
    await page.getByTestId('node-note').click();
    expect(await page.getByTestId('field-message').inputValue()).toBe('sent by v2');
    await page.getByTestId('node-send').click();
    expect(JSON.parse(await page.getByTestId('field-body').inputValue())).toEqual({ source: 'netsuite', customer: 'acme' });
    await page.screenshot({ path: `${SHOTS}/installations-rebased.png` });

    // And this installation now runs it: the customer's API receives the customised body.
    await page.getByTestId('back-to-list').click();
    await row.getByTestId('wf-run').click();
    await page.getByTestId('run-confirm').click();
    await seeText(row.getByTestId('last-run-status'), 'succeeded');
    expect(api.bodies).toEqual([{ source: 'netsuite', customer: 'acme' }]);
    await seeText(page.getByTestId('activity-user_version_rebased'), 'Rebased');
    await page.screenshot({ path: `${SHOTS}/installations-after-run.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
  it('refuses to install without a required connection and names it', async () => {
    const integration = await bridge.engine.call('integrations.create', {
      name: 'Needs NetSuite',
      requiredConnections: [{ key: 'netsuite', kind: 'netsuite', label: 'Customer NetSuite account' }],
    });
    await bridge.engine.call('integrations.addWorkflow', { id: integration.id, name: 'Listen for New and Updated Orders' });
    await bridge.engine.call('integrations.release', { id: integration.id });
    const inst = await bridge.engine.call('installations.create', { integrationId: integration.id, customerName: 'Globex' });
    await page.goto(`${new URL(bridge.url).origin}/#/installations/${inst.id}`);
    await seeText(page.getByTestId('connection-netsuite'), 'Not connected');
    await page.getByTestId('install').click();
    await seeText(page.getByTestId('install-error'), 'Customer NetSuite account');
    // Words, not codes: the stable code stays in the error's details and the CLI.
    expect(await page.getByTestId('install-error').textContent()).not.toContain('connection_missing');
    expect(await page.getByTestId('connection-netsuite').getAttribute('class')).toContain('row-attention');
    await seeText(page.getByTestId('installation-status'), 'not installed');

    // Binding a saved connection that does not answer: refused again, naming the connection.
    await bridge.engine.call('connections.save', {
      name: 'Globex sandbox', kind: 'netsuite',
      values: { accountId: '1234567_SB1', consumerKey: 'ck-bogus-0001', consumerSecret: 'cs-bogus-0001', tokenId: 'ti-bogus-0001', tokenSecret: 'ts-bogus-0001', baseUrl: 'http://127.0.0.1:9' },
    });
    await page.reload();
    await page.getByTestId('connect-netsuite').click();
    await page.getByTestId('connection-choice-netsuite').selectOption({ label: 'Globex sandbox' });
    await page.getByTestId('connection-save-netsuite').click();
    await seeText(page.getByTestId('connection-netsuite'), 'Globex sandbox');
    await page.getByTestId('install').click();
    await seeText(page.getByTestId('install-error'), /Customer NetSuite account.*(failed|cannot)/);
    await seeText(page.getByTestId('installation-status'), 'not installed');
    expect(await page.getByTestId('uninstall').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/installations-refused.png`, fullPage: true });
    // The refusal is an HTTP error answer, which Chromium logs; nothing else may fail.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
  it('updates all installations from the integration page and reports each one', async () => {
    const integration = await bridge.engine.call('integrations.create', { name: 'Write Back Tracking' });
    const wf = await bridge.engine.call('integrations.addWorkflow', { id: integration.id, name: 'Write Back Tracking Number' });
    await bridge.engine.call('integrations.release', { id: integration.id });
    for (const customerName of ['Initech', 'Umbrella']) {
      const inst = await bridge.engine.call('installations.create', { integrationId: integration.id, customerName });
      await bridge.engine.call('installations.install', { id: inst.id, wait: true });
    }
    const draft = await bridge.engine.call('workflows.get', { id: wf.id });
    await bridge.engine.call('workflows.save', { id: wf.id, baseRev: draft.rev, doc: { ...draft.doc, notes: 'v2' } });
    await page.goto(`${new URL(bridge.url).origin}/#/integrations/${integration.id}`);
    await page.getByTestId('release-notes').fill('Second release');
    await page.getByTestId('release').click();
    await seeText(page.getByTestId('release-done'), 'Released v2');
    await page.getByTestId('rebase-all').click();
    const report = page.getByTestId('rebase-all-report');
    await seeText(report, 'Initech');
    await seeText(report, 'Umbrella');
    // Nothing was customised, so nothing was merged: each simply moved on.
    expect(await report.locator('.outcome-fast_forward').count()).toBe(2);
    expect(await report.locator('.outcome-merged').count()).toBe(0);
    await seeText(report.locator('.outcome-fast_forward').first(), 'Nothing to merge');
    await seeText(report, 'Now on v2; nothing was customised');
    await page.screenshot({ path: `${SHOTS}/installations-update-all.png`, fullPage: true });
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
