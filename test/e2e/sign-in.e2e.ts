import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import { launchChromium, tempDir, textWaiter, watchErrors } from './helpers';

// Patchbay serving a team (`patchbay serve --auth api-keys`), as a colleague opening it in a
// browser: the sign-in page, a wrong key refused, the right key lands in the app, Sign out.

const seeText = textWaiter('sign-in');
const data = tempDir('patchbay-e2e-sign-in-');
let bridge: Bridge;
let browser: Browser;
let page: Page;
let errors: string[];
let key: string;

beforeAll(async () => {
  bridge = await startBridge({ dataDir: data.path, auth: 'api-keys', staticDir: process.env.E2E_STATIC_DIR || undefined });
  key = (await bridge.engine.call('apiKeys.create', { name: 'Dana (onboarding)' })).key;
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  data.remove();
});

describe('signing in with an API key', () => {
  it('shows the sign-in page, refuses a wrong key, lands in the app with the right one, and signs out', async () => {
    await page.goto(bridge.url);
    await seeText(page.getByTestId('sign-in'), 'Sign in to Patchbay');
    await page.getByTestId('sign-in-switch').click();

    await page.getByTestId('sign-in-key').fill(`${key.slice(0, -6)}zzzzzz`);
    await page.getByTestId('sign-in-submit').click();
    await seeText(page.getByTestId('sign-in-error'), 'not an API key this server issued');

    await page.getByTestId('sign-in-key').fill(key);
    await page.getByTestId('sign-in-submit').click();
    await seeText(page.getByTestId('signed-in-as'), 'Dana (onboarding)');
    expect(await page.getByTestId('nav-workflows').isVisible()).toBe(true);
    // The session is an HttpOnly cookie: the page's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // A reload keeps the session; the list pages work over it.
    await page.reload();
    await seeText(page.getByTestId('signed-in-as'), 'Dana (onboarding)');
    await page.getByTestId('nav-runs').click();
    await seeText(page.getByTestId('signed-in-as'), 'Dana (onboarding)');

    await page.getByTestId('sign-out').click();
    await seeText(page.getByTestId('sign-in'), 'Sign in to Patchbay');
    await page.reload();
    await seeText(page.getByTestId('sign-in'), 'Sign in to Patchbay');
    expect(errors.filter((e) => !e.includes('401') && !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('leaves browser mode as it was: a page without the token is told to open the printed address, with no sign-in', async () => {
    const loopbackData = tempDir('patchbay-e2e-loopback-');
    const loopback = await startBridge({ dataDir: loopbackData.path, staticDir: process.env.E2E_STATIC_DIR || undefined });
    try {
      await page.goto(`http://127.0.0.1:${loopback.port}/`);
      await seeText(page.locator('[role="alert"]'), 'open the address printed by `patchbay serve`');
      expect(await page.getByTestId('sign-in').count()).toBe(0);
      await page.goto(loopback.url);
      await seeText(page.getByTestId('app-nav'), 'Workflows');
      expect(await page.getByTestId('sign-out').count()).toBe(0);
    } finally {
      await loopback.close();
      loopbackData.remove();
    }
  });
});
