import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import { launchChromium, tempDir, textWaiter, watchErrors } from './helpers';

// A team's server with users (`patchbay users add <name> --role …`): a colleague signs in with a
// name and password; a viewer sees an installation but no Activate, an operator activates it.

const seeText = textWaiter('users');
const data = tempDir('patchbay-e2e-users-');
let bridge: Bridge;
let browser: Browser;
let page: Page;
let errors: string[];
let installationId = '';

beforeAll(async () => {
  bridge = await startBridge({ dataDir: data.path, auth: 'api-keys', staticDir: process.env.E2E_STATIC_DIR || undefined });
  const { engine } = bridge;
  await engine.call('users.add', { name: 'vera', role: 'viewer', password: 'viewer passphrase one' });
  await engine.call('users.add', { name: 'otto', role: 'operator', password: 'operator passphrase two' });
  const integration = await engine.call('integrations.create', { name: 'Order Sync' });
  await engine.call('integrations.addWorkflow', { id: integration.id, name: 'Fetch Historical Orders' });
  await engine.call('integrations.release', { id: integration.id });
  installationId = (await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' })).id;
  await engine.call('installations.install', { id: installationId, wait: true });
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  data.remove();
});

async function signInAs(name: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-name').fill(name);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

describe('signing in with a name and password', () => {
  it('refuses a wrong password without saying which part was wrong, then shows each role what it may do', async () => {
    await page.goto(bridge.url);
    await seeText(page.getByTestId('sign-in'), 'Sign in to Patchbay');
    await signInAs('vera', 'not her passphrase');
    await seeText(page.getByTestId('sign-in-error'), 'That name and password do not match a user of this server');
    // The password field is emptied for the next try; the name stays.
    expect(await page.getByTestId('sign-in-password').inputValue()).toBe('');
    expect(await page.getByTestId('sign-in-name').inputValue()).toBe('vera');

    await signInAs('vera', 'viewer passphrase one');
    await seeText(page.getByTestId('signed-in-as'), 'vera');
    await seeText(page.getByTestId('signed-in-role'), 'viewer');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.goto(`${bridge.url}#/installations/${installationId}`);
    await seeText(page.getByTestId('installation-lifecycle'), 'Configuring');
    // A viewer reads: what would change the installation or run it is left out.
    for (const button of ['activate', 'wf-run', 'wf-test-sync', 'wf-create-user-version', 'uninstall']) expect(await page.getByTestId(button).count()).toBe(0);
    expect(await page.getByTestId('wf-view-runs').count()).toBe(1);
    await page.screenshot({ path: 'test-results/users-viewer-installation.png' });

    await page.getByTestId('sign-out').click();
    await seeText(page.getByTestId('sign-in'), 'Sign in to Patchbay');
    await signInAs('otto', 'operator passphrase two');
    await seeText(page.getByTestId('signed-in-role'), 'operator');
    await seeText(page.getByTestId('installation-lifecycle'), 'Configuring');
    // An operator runs and activates, but does not customise or uninstall.
    expect(await page.getByTestId('wf-test-sync').count()).toBe(1);
    expect(await page.getByTestId('wf-create-user-version').count()).toBe(0);
    expect(await page.getByTestId('uninstall').count()).toBe(0);
    await page.getByTestId('activate').click();
    await page.getByTestId('activate-confirm').click();
    await seeText(page.getByTestId('installation-lifecycle'), 'Active');
    const activity = await bridge.engine.call('installations.activity', { id: installationId });
    expect(activity.find((a) => a.action === 'activated')?.actor).toBe('otto');
    expect(errors.filter((e) => !e.includes('401') && !e.includes('Failed to load resource'))).toEqual([]);
  });
});
