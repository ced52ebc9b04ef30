import { contextBridge, ipcRenderer } from 'electron';
import { IPC, STATUS_ACTIONS, type StatusAction } from './ipc-channels';

// Sandboxed preload: it may only require electron's renderer modules, events, timers and url, so
// it is bundled with nothing else. The engine is reached over HTTP like in browser mode; this
// exposes only what needs the OS: native open/save dialogs that carry bytes, never paths.

export interface DesktopApi {
  openFile(options?: { title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ name: string; bytes: Uint8Array } | null>;
  saveFile(options: { suggestedName: string; bytes: Uint8Array; title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ saved: true; name: string } | { saved: false }>;
}

const api: DesktopApi = Object.freeze({
  openFile: (options) => ipcRenderer.invoke(IPC.openFile, options ?? {}),
  saveFile: (options) => ipcRenderer.invoke(IPC.saveFile, options),
} satisfies DesktopApi);

contextBridge.exposeInMainWorld('patchbayDesktop', api);

// The status page main shows when the engine is down has no script of its own (its CSP allows
// none); its buttons are wired here. Main accepts these only from its own data: pages.
function wireStatusButtons(): void {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-action]'))) {
    const action = button.dataset.action as StatusAction;
    if (STATUS_ACTIONS.includes(action)) button.addEventListener('click', () => ipcRenderer.send(IPC.statusAction, action));
  }
}

if (window.location.protocol === 'data:') {
  if (document.readyState === 'loading') window.addEventListener('DOMContentLoaded', wireStatusButtons);
  else wireStatusButtons();
}
