import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
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

/**
 * The page may move only within the engine's origin (which changes when the engine restarts on
 * a new port); window.open, webviews and permission prompts are denied.
 */
export function lockDownNavigation(contents: WebContents, appOrigin: () => string | null): void {
  contents.on('will-navigate', (event, url) => {
    let origin = 'null';
    try {
      origin = new URL(url).origin;
    } catch {
      // unparsable: refused
    }
    if (origin === 'null' || origin !== appOrigin()) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The same CSP the bridge sends, enforced by Electron too, and no permission is ever granted. */
export function lockDownSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
