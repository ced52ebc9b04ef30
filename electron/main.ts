import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMethodName } from '../engine/api/contract';
import { defaultDataDir } from '../engine/host/data-dir';
import { EngineProcessClient } from './engine-client';
import { loadMasterKey } from './master-key';
import { IPC_CALL, IPC_EVENT } from './preload';
import { lockDownNavigation, RENDERER_CSP, secureWebPreferences } from './security';

// Main keeps only what needs Electron: windows, menus, dialogs, and the engine process.
// Built to dist/electron/ next to preload.cjs and engine-process.cjs.

export function rendererUrl(): string {
  return process.env.PATCHBAY_RENDERER_URL ?? pathToFileURL(join(__dirname, '..', 'renderer', 'index.html')).href;
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Patchbay',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  lockDownNavigation(win.webContents, rendererUrl());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl());
  return win;
}

/** Only our own page may call the engine, and only with contract method names. */
export function makeCallHandler(engine: Pick<EngineProcessClient, 'call'>, appUrl: string) {
  const appOrigin = new URL(appUrl).origin;
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, args: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    const sameApp = frameUrl.startsWith('file:') ? appUrl.startsWith('file:') : new URL(frameUrl || 'about:blank').origin === appOrigin;
    if (!sameApp) return { ok: false, error: { code: 'forbidden', message: 'Calls are only accepted from the Patchbay window.' } };
    if (typeof method !== 'string' || !isMethodName(method)) return { ok: false, error: { code: 'unknown_method', message: `There is no engine method "${String(method)}".` } };
    return engine.call(method, args);
  };
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
      { role: 'help', submenu: [{ label: 'Patchbay on this computer', click: () => void shell.openPath(app.getPath('userData')) }] },
    ]),
  );
}

export function start(): void {
  app.enableSandbox();
  void app.whenReady().then(() => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
    });
    const dataDir = process.env.PATCHBAY_DATA_DIR ?? defaultDataDir();
    const child = utilityProcess.fork(join(__dirname, 'engine-process.cjs'), [], {
      execArgv: ['--no-node-snapshot'],
      env: { ...process.env, PATCHBAY_DATA_DIR: dataDir },
      serviceName: 'Patchbay engine',
    });
    // The key travels over the private port, never through the environment or the disk in clear.
    child.postMessage({ type: 'init', keyBase64: loadMasterKey(safeStorage, join(dataDir, 'secrets.key.safe')) });
    const engine = new EngineProcessClient(child, (event) => {
      for (const w of BrowserWindow.getAllWindows()) w.webContents.send(IPC_EVENT, event);
    });
    child.on('exit', (code) => {
      if (code !== 0) dialog.showErrorBox('Patchbay engine stopped', `The engine process exited (code ${code}). Restart Patchbay; your saved work is safe.`);
    });
    ipcMain.handle(IPC_CALL, makeCallHandler(engine, rendererUrl()));
    buildMenu();
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

if (!process.env.VITEST) start();
