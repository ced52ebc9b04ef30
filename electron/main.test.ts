import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run on the build machines, so its API is faked and the shell's settings are
// asserted: the window's security options, denied navigation and window.open, and the IPC gate.
const created: { options: Record<string, unknown>; handlers: Map<string, (...a: unknown[]) => unknown>; windowOpen?: () => unknown; url?: string }[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const entry: (typeof created)[number] = { options, handlers: new Map() };
      created.push(entry);
      this.webContents = {
        on: (event: string, fn: (...a: unknown[]) => unknown) => entry.handlers.set(event, fn),
        setWindowOpenHandler: (fn: () => unknown) => (entry.windowOpen = fn),
        send: vi.fn(),
      };
      Object.assign(this, { once: vi.fn(), loadURL: (u: string) => { entry.url = u; return Promise.resolve(); } });
    }
    static getAllWindows() { return []; }
  }
  const exposed: Record<string, unknown> = {};
  return {
    BrowserWindow, app: {}, dialog: {}, ipcMain: {}, Menu: {}, session: {}, shell: {}, utilityProcess: {},
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed[name] = api; }, exposed },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
});

beforeEach(() => {
  created.length = 0;
  process.env.PATCHBAY_RENDERER_URL = 'file:///app/renderer/index.html';
});

describe('Electron main', () => {
  it('opens the window isolated, sandboxed, without Node, with the preload', async () => {
    const { createMainWindow } = await import('./main');
    createMainWindow();
    const prefs = created[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('denies window.open and navigation away from the app', async () => {
    const { createMainWindow } = await import('./main');
    createMainWindow();
    const win = created[0];
    expect(win?.windowOpen?.()).toEqual({ action: 'deny' });
    const navigate = win?.handlers.get('will-navigate');
    const event = { preventDefault: vi.fn() };
    navigate?.(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('sets a strict content security policy', async () => {
    const { RENDERER_CSP } = await import('./security');
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
    expect(RENDERER_CSP).toContain("object-src 'none'");
  });

  it('forwards only contract methods from the app page', async () => {
    const { makeCallHandler } = await import('./main');
    const call = vi.fn(async () => ({ ok: true as const, result: [] }));
    const handler = makeCallHandler({ call }, 'file:///app/renderer/index.html');
    expect(await handler({ senderFrame: { url: 'file:///app/renderer/index.html' } } as never, 'workflows.list', {})).toEqual({ ok: true, result: [] });
    expect(await handler({ senderFrame: { url: 'file:///app/renderer/index.html' } } as never, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(call).toHaveBeenCalledTimes(1);
  });
});

describe('Electron preload', () => {
  it('exposes one function per contract method plus onEvent, and unwraps errors', async () => {
    const { buildBridgeApi } = await import('./preload');
    const { methodNames } = await import('../engine/api/contract');
    const invoke = vi.fn(async (_channel: string, method: unknown) =>
      method === 'workflows.get' ? { ok: false, error: { code: 'not_found', message: 'gone' } } : { ok: true, result: ['x'] },
    );
    const api = buildBridgeApi(invoke, vi.fn() as never, vi.fn() as never) as Record<string, (a: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent'].sort());
    await expect(api['workflows.list']?.({})).resolves.toEqual(['x']);
    const error = await api['workflows.get']?.({ id: 'a' }).catch((e: Error) => e);
    expect(JSON.parse((error as Error).message)).toEqual({ code: 'not_found', message: 'gone' });
    expect(Object.isFrozen(api)).toBe(true);
    const electron = (await import('electron')) as unknown as { contextBridge: { exposed: Record<string, object> } };
    expect(Object.keys(electron.contextBridge.exposed.patchbay ?? {}).sort()).toEqual([...methodNames, 'onEvent'].sort());
  });
});
