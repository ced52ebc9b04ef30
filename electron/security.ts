import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

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

export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Navigation away from the app and every window.open are denied. */
export function lockDownNavigation(contents: WebContents, appUrl: string): void {
  const appOrigin = new URL(appUrl).origin;
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== appOrigin || appOrigin === 'null') event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
