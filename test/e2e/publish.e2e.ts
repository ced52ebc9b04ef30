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
let acmeId = '';

beforeAll(async () => {
  server = await startBridge({ dataDir: serverData.path, auth: 'api-keys', staticDir: process.env.E2E_STATIC_DIR || undefined });
  key = (await server.engine.call('apiKeys.create', { name: 'Dana (onboarding)' })).key;
  app = await openApp({ prefix: 'patchbay-e2e-publish-', demoSandbox: true });
  const { integration, inst } = await installOrderSyncForAcme(app.bridge.engine);
  acmeId = inst.id;
  // Acme runs on the desktop: its backfill without the Stop block, activated.
  const engine = app.bridge.engine;
  const historical = integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string;
  const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId: historical });
  await engine.call('userVersions.save', {
    id: userVersion.id, baseRev: userVersion.rev,
    doc: {
      ...userVersion.doc,
      blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
      edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
    },
  });
  await engine.call('installations.activate', { id: inst.id, wait: true });
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

    // Acme is active here: publishing says it pauses it on this desktop before anything is sent.
    await page.getByTestId('publish-server').click();
    await seeText(page.getByTestId('publish-confirm'), 'Active on this desktop: Acme Corp. Publishing pauses it here');
    expect(await server.engine.call('installations.list', {})).toEqual([]);
    await page.getByTestId('publish-confirm-button').click();
    await seeText(page.getByTestId('publish-result'), 'Installed but not active on the server: Acme Corp');
    expect(await page.getByTestId('publish-result').textContent()).toContain('1 installation(s)');
    expect(await page.getByTestId('publish-result').textContent()).toContain('Paused on this desktop, so each runs in one place: Acme Corp');
    await page.screenshot({ path: 'test-results/publish-servers.png' });

    await page.getByTestId('nav-installations').click();
    await seeText(page.getByTestId('published-to'), 'Published to Production');
    expect(await page.getByTestId('installation-row-lifecycle').textContent()).toBe('paused');
    await page.goto(`${app.bridge.url}#/installations/${acmeId}`);
    await seeText(page.getByTestId('published-here'), 'it runs there, so it is not activated or run live on this desktop');

    // On the server, signed in with the key: the installation came from a desktop and waits for activation.
    const serverPage = await app.browser.newPage();
    await serverPage.goto(server.url);
    await serverPage.getByTestId('sign-in-switch').click();
    await serverPage.getByTestId('sign-in-key').fill(key);
    await serverPage.getByTestId('sign-in-submit').click();
    await serverPage.getByTestId('nav-installations').click();
    await seeText(serverPage.getByTestId('published-from'), 'runs on this server once activated here');
    await serverPage.screenshot({ path: 'test-results/publish-server-installations.png' });
    expect(await serverPage.getByTestId('installation-table').textContent()).toContain('Acme Corp');
    // Its customisations are the desktop's to change: a notice, and the controls that would change them disabled.
    await serverPage.getByRole('link', { name: 'Acme Corp' }).click();
    await seeText(serverPage.getByTestId('managed-by-desktop'), 'managed on that desktop: change them there and publish again');
    expect(await serverPage.getByTestId('wf-create-user-version').first().isDisabled()).toBe(true);
    expect(await serverPage.getByTestId('wf-revert').first().isDisabled()).toBe(true);
    // So are its settings and its connection choices: publishing again would put the desktop's back.
    expect(await serverPage.getByTestId('connect-netsuite').isDisabled()).toBe(true);
    await serverPage.getByTestId('add-config').click();
    expect(await serverPage.getByTestId('save-config').isDisabled()).toBe(true);
    await serverPage.close();

    // Taken back, the desktop may run it again.
    await page.getByTestId('take-back').click();
    await page.getByTestId('published-here').waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });
});
