import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, type IpcMainEvent } from 'electron';
import { join, resolve } from 'node:path';
import { PatchbayError } from '../engine/errors/patchbay-error';
import { defaultDataDir } from '../engine/host/data-dir';
import { registerDialogs } from './dialogs';
import { engineLaunch, type LaunchContext } from './engine-launch';
import { EngineSupervisor } from './engine-supervisor';
import { IPC, STATUS_ACTIONS, type StatusAction } from './ipc-channels';
import { loadMasterKey } from './master-key';
import { menuTemplate } from './menu';
import { lockDownNavigation, lockDownSession, secureWebPreferences } from './security';
import { failureView, restartingView, startingView, statusPageUrl, type StatusView } from './status-page';

// Electron main keeps only what needs Electron: the window and menus, native dialogs, the
// single-instance lock, the safeStorage master key, an orderly quit and a restarted engine. The
// engine itself is `patchbay serve` in a child process and the window loads its address, so the
// desktop app runs the very engine and UI that browser mode runs.
// Built to dist/electron/main.cjs next to preload.cjs.

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC']);

function masterKeyFor(dataDir: string): () => string | null {
  return () => {
    try {
      return loadMasterKey(safeStorage, join(dataDir, 'secrets.key.safe'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code && UNWRITABLE.has(code)) {
        throw new PatchbayError('data_dir_unwritable', `Patchbay cannot write to its data folder ${dataDir} (${code}).`, { dataDir, errno: code });
      }
      throw new PatchbayError('invalid_key', `The system keychain could not unwrap Patchbay's secrets key: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

function portFromEnv(): number {
  const raw = process.env.PATCHBAY_PORT;
  const port = raw === undefined ? 0 : Number(raw);
  return Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0;
}

export function start(): void {
  if (!app.requestSingleInstanceLock()) {
    // The first instance focuses its window (see 'second-instance'); this one starts nothing.
    app.quit();
    return;
  }
  app.enableSandbox();
  // Absolute: the engine runs with its own folder as the working directory.
  const dataDir = resolve(process.env.PATCHBAY_DATA_DIR ?? defaultDataDir());
  const ctx: LaunchContext = { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, devRoot: join(__dirname, '..', '..'), platform: process.platform, env: process.env };
  const supervisor = new EngineSupervisor(() => engineLaunch(ctx, { dataDir, port: portFromEnv() }), masterKeyFor(dataDir));
  let win: BrowserWindow | null = null;
  let appUrl: string | null = null;
  let lastView: StatusView = startingView;

  const appOrigin = (): string | null => (appUrl ? new URL(appUrl).origin : null);
  const show = (view: StatusView): void => {
    appUrl = null;
    lastView = view;
    void win?.loadURL(statusPageUrl(view));
  };
  const openWindow = (): BrowserWindow => {
    const w = new BrowserWindow({ width: 1440, height: 900, title: 'Patchbay', show: false, webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')) });
    lockDownNavigation(w.webContents, appOrigin);
    w.once('ready-to-show', () => w.show());
    w.on('closed', () => {
      if (win === w) win = null;
    });
    void w.loadURL(appUrl ?? statusPageUrl(lastView));
    return w;
  };

  supervisor.on('ready', (url) => {
    appUrl = url;
    void win?.loadURL(url);
  });
  supervisor.on('failed', (error) => show(failureView(error)));
  supervisor.on('restarting', (why) => show(restartingView(why)));

  const onStatusAction = (event: IpcMainEvent, action: unknown): void => {
    // Only main's own status page (a data: URL in our window) may drive these.
    if (!win || event.sender !== win.webContents || !event.senderFrame?.url.startsWith('data:')) return;
    if (!STATUS_ACTIONS.includes(action as StatusAction)) return;
    if (action === 'retry') {
      show(startingView);
      supervisor.retry();
    } else if (action === 'open-data-folder') void shell.openPath(dataDir);
    else app.quit();
  };

  app.on('second-instance', () => {
    if (!win) win = openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(() => {
    lockDownSession(session.defaultSession);
    registerDialogs(ipcMain, { dialog, appWindow: () => (win && appOrigin() ? { window: win, origin: appOrigin() as string } : null) });
    ipcMain.on(IPC.statusAction, onStatusAction);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          restartEngine: () => {
            show(startingView);
            void supervisor.restart();
          },
          openDataFolder: () => void shell.openPath(dataDir),
        }, process.platform),
      ),
    );
    win = openWindow();
    supervisor.start();
    app.on('activate', () => {
      if (!win) win = openWindow();
    });
  });

  // Orderly quit: hold the quit until the engine has drained its runs and closed SQLite.
  let engineStopped = false;
  app.on('before-quit', (event) => {
    if (engineStopped) return;
    event.preventDefault();
    void supervisor.stop().then(() => {
      engineStopped = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

start();
