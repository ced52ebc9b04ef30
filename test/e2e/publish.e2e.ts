import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import { installOrderSyncForAcme, openApp, tempDir, textWaiter, type BrowserApp } from './helpers';

// Settings › Servers as an analyst uses it: add the team's Patchbay server with an API key, test
// it, publish Order Sync, and see where Acme's installation now runs, on both sides.

const seeText = textWaiter('publish');
const serverData = tempDir('patchbay-e2e-server-');
let app: BrowserApp;
let server: Bridge;
let key: string;

beforeAll(async () => {
  server = await startBridge({ dataDir: serverData.path, auth: 'api-keys', staticDir: process.env.E2E_STATIC_DIR || undefined });
  key = (await server.engine.call('apiKeys.create', { name: 'Dana (onboarding)' })).key;
  app = await openApp({ prefix: 'patchbay-e2e-publish-', demoSandbox: true });
  await installOrderSyncForAcme(app.bridge.engine);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
  serverData.remove();
});

describe('Settings › Servers', () => {
  it('adds a server, tests it, publishes an integration, and shows "Published to" on the installation', async () => {
    const { page } = app;
    await page.goto(app.bridge.url);
    await page.getByTestId('nav-settings').click();
    await seeText(page.getByTestId('servers-page'), 'No servers yet');

    await page.getByTestId('add-server').click();
    await page.getByTestId('server-name').fill('Production');
    await page.getByTestId('server-url').fill(`http://127.0.0.1:${server.port}`);
    await page.getByTestId('server-api-key').fill(key);
    await page.getByTestId('save-server').click();
    await seeText(page.getByTestId('server-list'), 'Production');
    // The key is never shown again, not even in the page's text.
    expect(await page.content()).not.toContain(key);

    await page.getByTestId('test-server').click();
    await seeText(page.getByTestId('server-test-result'), 'accepts the key "Dana (onboarding)"');

    await page.getByTestId('publish-server').click();
    await seeText(page.getByTestId('publish-result'), 'installed but not active');
    expect(await page.getByTestId('publish-result').textContent()).toContain('1 installation(s)');
    await page.screenshot({ path: 'test-results/publish-servers.png' });

    await page.getByTestId('nav-installations').click();
    await seeText(page.getByTestId('published-to'), 'Published to Production');

    // On the server, signed in with the key: the installation came from a desktop and waits for activation.
    const serverPage = await app.browser.newPage();
    await serverPage.goto(server.url);
    await serverPage.getByTestId('sign-in-key').fill(key);
    await serverPage.getByTestId('sign-in-submit').click();
    await serverPage.getByTestId('nav-installations').click();
    await seeText(serverPage.getByTestId('published-from'), 'once activated here');
    await serverPage.screenshot({ path: 'test-results/publish-server-installations.png' });
    expect(await serverPage.getByTestId('installation-table').textContent()).toContain('Acme Corp');
    await serverPage.close();
    expect(app.errors).toEqual([]);
  });
});
