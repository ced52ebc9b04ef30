import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodNames } from '../engine/api/contract';
import type { EngineEvent } from '../engine/api/events';

// One function per contract method, never raw ipcRenderer. Results come back as
// { ok, result } | { ok: false, error } and are unwrapped here so the page sees plain promises.
export const IPC_CALL = 'patchbay:call';
export const IPC_EVENT = 'patchbay:event';

export function buildBridgeApi(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>, on: typeof ipcRenderer.on, off: typeof ipcRenderer.removeListener) {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (args: unknown) => {
      const r = (await invoke(IPC_CALL, method, args)) as { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };
      if (r.ok) return r.result;
      // contextBridge keeps only an Error's message across worlds, so the payload travels in it;
      // the renderer's client reads { code, message, details } back out.
      throw new Error(JSON.stringify(r.error));
    };
  }
  api.onEvent = (listener: (event: EngineEvent) => void) => {
    const handler = (_e: IpcRendererEvent, event: EngineEvent): void => listener(event);
    on(IPC_EVENT, handler);
    return () => off(IPC_EVENT, handler);
  };
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld('patchbay', buildBridgeApi(ipcRenderer.invoke.bind(ipcRenderer), ipcRenderer.on.bind(ipcRenderer), ipcRenderer.removeListener.bind(ipcRenderer)));
