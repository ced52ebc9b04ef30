import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../engine/host/csp';

// The renderer is untrusted content with respect to the machine: no Node, isolated, sandboxed.
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export const RENDERER_CSP = CONTENT_SECURITY_POLICY;

/** Navigation away from the app and every window.open are denied. */
export function lockDownNavigation(contents: WebContents, appUrl: string): void {
  const appOrigin = new URL(appUrl).origin;
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== appOrigin || appOrigin === 'null') event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
