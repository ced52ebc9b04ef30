import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../engine/host/bridge';

// Shared plumbing for the browser tests: Debian's Chromium (never downloaded), a temp data dir,
// and a tiny JSON API on loopback for workflows to call.

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface BrowserApp {
  readonly bridge: Bridge;
  readonly browser: Browser;
  readonly page: Page;
  /** Page errors and console errors seen so far (CSP violations included). */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * Browser mode as a user gets it: the bridge on a fresh data folder and a Chromium page.
 * `staticDir` (or E2E_STATIC_DIR) serves a renderer built elsewhere than dist/renderer.
 */
export async function openApp(opts: { prefix: string; demoSandbox?: boolean; viewport?: { width: number; height: number }; staticDir?: string }): Promise<BrowserApp> {
  mkdirSync('test-results', { recursive: true });
  const data = tempDir(opts.prefix);
  // Runs execute in a worker thread, as under `patchbay serve`.
  const bridge = await startBridge({ dataDir: data.path, demoSandbox: opts.demoSandbox ?? false, staticDir: opts.staticDir ?? (process.env.E2E_STATIC_DIR || undefined), runWorkers: 1 });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1440, height: 900 } });
  return {
    bridge, browser, page, errors: watchErrors(page),
    close: async () => {
      await browser.close();
      await bridge.close();
      data.remove();
    },
  };
}

export interface ApiServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** GET /orders/<id> answers an order; /fail answers 500 with a JSON error body. */
export async function startApiServer(): Promise<ApiServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const order = /^\/orders\/([^/?]+)/.exec(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (order) {
      res.end(JSON.stringify({ id: order[1], status: 'open', customer: 'Acme Hardware', lines: [{ sku: 'WID-1', name: 'Widget', quantity: 3 }] }));
    } else {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: 'warehouse database unavailable' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Collects what a user would see as breakage: page errors and console errors (CSP included). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function center(loc: Locator): Promise<{ x: number; y: number }> {
  const box = await loc.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item onto the canvas at a point relative to the canvas's top-left corner. */
export async function dragBlock(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.locator('[data-testid="canvas"] .react-flow__pane'), { targetPosition: at });
}

/** Connects two handles with the mouse, as a user drags a wire from a port to a block's input. */
export async function connect(page: Page, fromHandle: string, toHandle: string): Promise<void> {
  const a = await center(page.getByTestId(fromHandle));
  const b = await center(page.getByTestId(toHandle));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/**
 * `seeText(loc, text)`: waits until `loc` shows `text`; on a timeout saves a full-page screenshot
 * to test-results/failure-<suite>-<time>.png, so a red e2e run shows what the page looked like.
 */
export function textWaiter(suite: string): (loc: Locator, text: string | RegExp, timeout?: number) => Promise<void> {
  return async (loc, text, timeout = 15_000) => {
    try {
      await loc.filter({ hasText: text }).first().waitFor({ timeout });
    } catch (e) {
      await loc.page().screenshot({ path: `test-results/failure-${suite}-${Date.now()}.png`, fullPage: true });
      throw e;
    }
  };
}

/**
 * The Order Sync template released as v1 and installed for "Acme Corp" on the Demo sandbox's
 * connections (the on-install backfill has stopped at its Stop block when this returns).
 */
export async function installOrderSyncForAcme(engine: Bridge['engine']) {
  const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
  await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
  await engine.call('installations.install', { id: inst.id, wait: true });
  return { integration, inst };
}
