// What the desktop app's preload exposes (electron/preload.ts): native open/save dialogs that
// carry bytes, never paths. Absent in browser mode, where the page falls back to an <input
// type=file> and a download.

export interface DesktopFileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface DesktopApi {
  openFile(options?: { title?: string; filters?: readonly DesktopFileFilter[] }): Promise<{ name: string; bytes: Uint8Array } | null>;
  saveFile(options: { suggestedName: string; bytes: Uint8Array; title?: string; filters?: readonly DesktopFileFilter[] }): Promise<{ saved: true; name: string } | { saved: false }>;
}

declare global {
  interface Window {
    patchbayDesktop?: DesktopApi;
  }
}

/** The native dialogs when running in the desktop app, null in a browser. */
export function desktopApi(): DesktopApi | null {
  return typeof window !== 'undefined' && window.patchbayDesktop ? window.patchbayDesktop : null;
}

/** An <input accept> list such as ".patchbay,.zip" as native dialog filters (MIME types dropped). */
export function acceptToFilters(accept: string): DesktopFileFilter[] {
  const extensions = accept.split(',').map((s) => s.trim()).filter((s) => /^\.[A-Za-z0-9]{1,16}$/.test(s)).map((s) => s.slice(1));
  return extensions.length > 0 ? [{ name: extensions.map((e) => `.${e}`).join(', '), extensions }] : [];
}
