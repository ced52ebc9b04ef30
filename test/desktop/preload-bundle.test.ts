import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { statusPageHtml, failureView } from '../../electron/status-page';
import { DIST } from './load-main';

// Every BUILT preload runs the way Electron runs a sandboxed preload: require() knows only
// electron's renderer modules, events, timers and url; anything else it reads fails the test.

const nodeRequire = createRequire(import.meta.url);
const PRELOADS = ['preload.cjs'];
const SANDBOX_MODULES = new Set(['events', 'timers', 'url']);
const RENDERER_ELECTRON = new Set(['contextBridge', 'ipcRenderer', 'webFrame', 'webUtils', 'crashReporter', 'nativeImage', 'clipboard']);

function runPreload(file: string, pageUrl: string, html = '<!doctype html><p>app</p>') {
  const dom = new JSDOM(html, { url: pageUrl });
  const violations: string[] = [];
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const electron = new Proxy(
    {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: {
        invoke: async (...a: unknown[]) => { invoked.push(a); return null; },
        send: (...a: unknown[]) => sent.push(a),
      },
    } as Record<string, unknown>,
    {
      get(target, prop) {
        if (typeof prop === 'symbol' || prop === '__esModule' || prop === 'default') return undefined;
        if (!RENDERER_ELECTRON.has(prop)) violations.push(`electron.${prop} is not available to a preload`);
        return target[prop];
      },
    },
  );
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    if (SANDBOX_MODULES.has(name)) return nodeRequire(name);
    violations.push(`require("${name}") is not allowed in a sandboxed preload`);
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(join(DIST, 'electron', file), 'utf8'), {
    require: sandboxRequire, module, exports: module.exports, window: dom.window, document: dom.window.document, console,
  }, { filename: file });
  return { dom, violations, exposed, invoked, sent };
}

describe.each(PRELOADS)('built %s under the sandboxed-preload module set', (file) => {
  it('loads and exposes only the native file dialogs', async () => {
    expect(existsSync(join(DIST, 'electron', file)), 'run `npm run build` first').toBe(true);
    const { exposed, invoked, violations } = runPreload(file, 'http://127.0.0.1:4321/');
    expect(violations).toEqual([]);
    expect(Object.keys(exposed)).toEqual(['patchbayDesktop']);
    const api = exposed.patchbayDesktop as Record<string, (o?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual(['openFile', 'saveFile']);
    expect(Object.isFrozen(api)).toBe(true);
    await api.openFile?.({ title: 'Import bundle' });
    await api.saveFile?.({ suggestedName: 'x.csv', bytes: new Uint8Array([1]) });
    expect(invoked.map((c) => c[0])).toEqual(['patchbay:open-file', 'patchbay:save-file']);
  });

  it("wires the status page's buttons (a page with no script of its own) to main", async () => {
    const html = statusPageHtml(failureView({ code: 'port_in_use', message: 'Port 4800 is taken.' }));
    const { dom, sent, violations } = runPreload(file, 'data:text/html,status', html);
    // Like Electron, the preload ran before the document finished loading.
    if (dom.window.document.readyState === 'loading') await new Promise((r) => dom.window.addEventListener('DOMContentLoaded', r));
    dom.window.document.querySelector<HTMLButtonElement>('button[data-action="retry"]')?.click();
    expect(sent).toEqual([['patchbay:status-action', 'retry']]);
    expect(violations).toEqual([]);
  });
});
