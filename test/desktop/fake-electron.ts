import { EventEmitter } from 'node:events';

// An `electron` module for the main process only, to load the BUILT dist/electron/main.cjs in
// Node. Reading a renderer-only module (contextBridge, ipcRenderer, …) is recorded as a
// violation and throws, as it does in real Electron; so does a main-process module this fake
// does not implement, so a new dependency of main cannot slip by untested.

const MAIN_PROCESS_MODULES = new Set([
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'contentTracing', 'crashReporter', 'desktopCapturer',
  'dialog', 'globalShortcut', 'inAppPurchase', 'ipcMain', 'Menu', 'MenuItem', 'MessageChannelMain', 'MessagePortMain', 'nativeImage',
  'nativeTheme', 'net', 'netLog', 'Notification', 'powerMonitor', 'powerSaveBlocker', 'protocol', 'pushNotifications', 'safeStorage',
  'screen', 'session', 'ShareMenu', 'shell', 'systemPreferences', 'TouchBar', 'Tray', 'utilityProcess', 'View', 'WebContentsView',
  'webContents', 'webFrameMain', 'ImageView',
]);

type Handler = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: (() => unknown) | null = null;
  setWindowOpenHandler(fn: () => unknown): void {
    this.windowOpenHandler = fn;
  }
  send(): void {}
}

export interface FakeElectron {
  readonly module: unknown;
  readonly violations: string[];
  readonly windows: FakeWindow[];
  /** Every URL any window loaded, in order. */
  readonly loads: string[];
  readonly handlers: Map<string, Handler>;
  readonly listeners: Map<string, Handler>;
  readonly opened: string[];
  readonly app: FakeApp;
  /** The application menu's template, as main built it. */
  menu: unknown;
  dialogAnswers: { open?: string; save?: string };
  /** Resolves with the first load (already made or future) that satisfies the predicate, after index `from`. */
  nextLoad(predicate: (url: string) => boolean, from?: number): Promise<string>;
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly urls: string[] = [];
  focused = 0;
  constructor(readonly options: Record<string, unknown>, private readonly onLoad: (url: string) => void) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.urls.push(url);
    this.onLoad(url);
    return Promise.resolve();
  }
  show(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.focused += 1;
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstance = true;
  quitCalls = 0;
  /** Set once a quit went through (no before-quit handler prevented it). */
  quitted = false;
  private quitWaiters: (() => void)[] = [];
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  enableSandbox(): void {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  quit(): void {
    this.quitCalls += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.quitted = true;
    for (const w of this.quitWaiters.splice(0)) w();
  }
  exit(): void {
    this.quitted = true;
  }
  whenQuit(): Promise<void> {
    return this.quitted ? Promise.resolve() : new Promise((resolve) => this.quitWaiters.push(resolve));
  }
}

export function createFakeElectron(): FakeElectron {
  const violations: string[] = [];
  const windows: FakeWindow[] = [];
  const loads: string[] = [];
  const waiters: { from: number; predicate: (url: string) => boolean; resolve: (url: string) => void }[] = [];
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Handler>();
  const opened: string[] = [];
  const app = new FakeApp();
  const onLoad = (url: string): void => {
    loads.push(url);
    for (const w of [...waiters]) {
      if (w.predicate(url)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(url);
      }
    }
  };
  const fake: FakeElectron = {
    module: null,
    violations, windows, loads, handlers, listeners, opened, app,
    menu: null,
    dialogAnswers: {},
    nextLoad(predicate, from = 0) {
      const seen = loads.slice(from).find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ from, predicate, resolve }));
    },
  };
  class BrowserWindow extends FakeWindow {
    constructor(options: Record<string, unknown>) {
      super(options, onLoad);
      windows.push(this);
    }
    static getAllWindows(): FakeWindow[] {
      return windows;
    }
  }
  const impl: Record<string, unknown> = {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (fake.menu = m) },
    ipcMain: {
      handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
      on: (channel: string, fn: Handler) => listeners.set(channel, fn),
    },
    dialog: {
      showOpenDialog: async () => (fake.dialogAnswers.open ? { canceled: false, filePaths: [fake.dialogAnswers.open] } : { canceled: true, filePaths: [] }),
      showSaveDialog: async () => (fake.dialogAnswers.save ? { canceled: false, filePath: fake.dialogAnswers.save } : { canceled: true }),
      showErrorBox: () => undefined,
    },
    // A reversible stand-in for the OS keychain.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`wrapped:${Buffer.from(plain).toString('hex')}`),
      decryptString: (enc: Buffer) => Buffer.from(enc.toString().replace('wrapped:', ''), 'hex').toString(),
    },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => undefined }, setPermissionRequestHandler: () => undefined } },
    shell: { openPath: async (p: string) => { opened.push(p); return ''; } },
  };
  const module = new Proxy(impl, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop === '__esModule' || prop === 'then' || prop === 'default') return undefined;
      if (prop in target) return target[prop];
      const why = MAIN_PROCESS_MODULES.has(prop) ? `main read electron.${prop}, which this fake does not provide: add it` : `main read electron.${prop}, which is not a main-process module`;
      violations.push(why);
      throw new TypeError(why);
    },
  });
  return Object.assign(fake, { module });
}
