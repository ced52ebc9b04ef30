import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../engine/testing/temp-engine';
import type { FakeElectron } from './fake-electron';
import { callEngine, enginePid, processAlive, processLaunch } from './engine-probe';
import { DIST, loadMain, MAIN_BUNDLE } from './load-main';

// The BUILT desktop shell (npm run build), loaded in Node under an `electron` that has only the
// main process's modules: the engine it starts must really start and answer, the window must
// load a page that serves the app, and start failures must be shown with what to do.

const isHttp = (u: string): boolean => u.startsWith('http://127.0.0.1:');
const statusText = (u: string): string => decodeURIComponent(u.slice(u.indexOf(',') + 1));

let running: FakeElectron | null = null;
let dirs: { path: string; remove(): void }[] = [];

function start(env: Record<string, string>, setup?: (fake: FakeElectron) => void): FakeElectron {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  running = loadMain(setup);
  return running;
}

function dataDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

beforeAll(() => {
  if (!existsSync(MAIN_BUNDLE) || !existsSync(join(DIST, 'engine', 'patchbay.mjs')) || !existsSync(join(DIST, 'renderer', 'index.html'))) {
    throw new Error('Run `npm run build` first: this suite tests the built bundles in dist/.');
  }
});

afterEach(async () => {
  if (running) {
    running.app.quit();
    await running.app.whenQuit();
    expect(running.violations).toEqual([]);
  }
  running = null;
  delete process.env.PATCHBAY_PORT;
  for (const d of dirs) d.remove();
  dirs = [];
});

describe('desktop main (built bundle)', () => {
  it('starts the engine as `patchbay serve` and the window loads the app from it', async () => {
    const dir = dataDir();
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    await fake.nextLoad(() => true);
    const win = fake.windows[0];
    expect(win?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(existsSync(String((win?.options.webPreferences as { preload: string }).preload))).toBe(true);
    expect(statusText(fake.loads[0] ?? '')).toContain('Starting Patchbay');

    const appUrl = await fake.nextLoad(isHttp);
    const page = await fetch(appUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Patchbay</title>');
    const listed = await callEngine(appUrl, 'workflows.list');
    expect(listed.status).toBe(200);
    expect(Array.isArray(listed.body)).toBe(true);
    expect((await callEngine(appUrl, 'workflows.list', {}, null)).status).toBe(401);

    // Same entry and flags as the packaged app; the master key never in argv or environment.
    const pid = enginePid(dir) as number;
    const launch = processLaunch(pid);
    expect(launch.argv).toEqual(expect.arrayContaining(['--no-node-snapshot', join(DIST, 'engine', 'patchbay.mjs'), 'serve', '--control', 'stdin', '--data-dir', dir]));
    const wrapped = readFileSync(join(dir, 'secrets.key.safe'), 'utf8').replace('wrapped:', '');
    const key = Buffer.from(wrapped, 'hex').toString();
    expect(launch.argv.join(' ')).not.toContain(key);
    expect(launch.env).not.toContain(key);
    expect(existsSync(join(dir, 'secrets.key'))).toBe(false); // the safeStorage key was used, not a key file
  });

  it('keeps the page on the engine: navigation elsewhere and window.open are refused', async () => {
    const fake = start({ PATCHBAY_DATA_DIR: dataDir() });
    const appUrl = await fake.nextLoad(isHttp);
    const contents = fake.windows[0]?.webContents;
    const navigate = (url: string): boolean => {
      let prevented = false;
      contents?.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('http://127.0.0.1:1/')).toBe(true);
    expect(navigate(new URL('/runs', appUrl).href)).toBe(false);
    expect(contents?.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });

  it('quits in order: the engine drains, closes SQLite and releases the data folder', async () => {
    const dir = dataDir();
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    const appUrl = await fake.nextLoad(isHttp);
    const pid = enginePid(dir) as number;
    // A run executes in the built engine's run worker (dist/engine/run-worker.mjs, isolated-vm
    // inside it); the quit then still ends with SQLite closed cleanly.
    const doc = {
      name: 'Doubles',
      blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'code', kind: 'custom_code', config: { language: 'js', code: 'export function run(input) { return input.n * 2; }', input: '{{ trigger.input }}' } }],
      edges: [{ id: 'e1', from: 'trigger', to: 'code', port: 'out' }],
    };
    const ran = await callEngine(appUrl, 'runs.start', { doc, input: { n: 21 }, wait: true });
    expect(ran.body).toMatchObject({ status: 'succeeded' });
    fake.app.quit();
    expect(fake.app.quitted).toBe(false); // held until the engine has stopped
    await fake.app.whenQuit();
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(join(dir, 'patchbay.db-wal'))).toBe(false); // SQLite closed cleanly
    expect(existsSync(join(dir, 'engine.lock'))).toBe(false);
    running = null;
  });

  it('reports an engine that dies in the window and restarts it', async () => {
    const dir = dataDir();
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    const first = await fake.nextLoad(isHttp);
    const before = fake.loads.length;
    process.kill(enginePid(dir) as number, 'SIGKILL');
    const notice = await fake.nextLoad((u) => u.startsWith('data:'), before);
    expect(statusText(notice)).toContain('The engine stopped unexpectedly');
    const second = await fake.nextLoad(isHttp, before);
    expect(second).not.toBe(first);
    expect((await callEngine(second, 'workflows.list')).status).toBe(200);
  });

  it('File › Restart Engine stops the engine in order and loads the new one', async () => {
    const dir = dataDir();
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    const first = await fake.nextLoad(isHttp);
    const firstPid = enginePid(dir) as number;
    const before = fake.loads.length;
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const file = (fake.menu as Item[]).find((m) => m.label === 'File');
    file?.submenu?.find((i) => i.label === 'Restart Engine')?.click?.();
    const second = await fake.nextLoad(isHttp, before);
    expect(second).not.toBe(first);
    expect(processAlive(firstPid)).toBe(false);
    expect((await callEngine(second, 'workflows.list')).status).toBe(200);
  });

  it('a launch while Patchbay runs focuses the open window', async () => {
    const fake = start({ PATCHBAY_DATA_DIR: dataDir() });
    await fake.nextLoad(isHttp);
    fake.app.emit('second-instance');
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.focused).toBe(1);
  });

  it('a second launch hands over to the first window and starts no engine', async () => {
    const dir = dataDir();
    const fake = start({ PATCHBAY_DATA_DIR: dir }, (f) => (f.app.singleInstance = false));
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    await fake.app.whenQuit();
    expect(enginePid(dir)).toBeNull();
    running = null;
  });

  it('native dialogs carry bytes for the app page only', async () => {
    const dir = dataDir();
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    const appUrl = await fake.nextLoad(isHttp);
    const picked = join(dir, 'orders.patchbay');
    writeFileSync(picked, 'bundle-bytes');
    fake.dialogAnswers.open = picked;
    const open = fake.handlers.get('patchbay:open-file') as (e: unknown, a: unknown) => Promise<{ name: string; bytes: Uint8Array }>;
    const got = await open({ senderFrame: { url: appUrl } }, { filters: [{ name: 'Bundles', extensions: ['patchbay'] }] });
    expect(got.name).toBe('orders.patchbay');
    expect(Buffer.from(got.bytes).toString()).toBe('bundle-bytes');
    await expect(open({ senderFrame: { url: 'https://evil.example/' } }, {})).rejects.toThrow(/only available to the Patchbay window/);

    fake.dialogAnswers.save = join(dir, 'out.csv');
    const save = fake.handlers.get('patchbay:save-file') as (e: unknown, a: unknown) => Promise<unknown>;
    expect(await save({ senderFrame: { url: appUrl } }, { suggestedName: 'mapping.csv', bytes: new TextEncoder().encode('a,b') })).toEqual({ saved: true, name: 'out.csv' });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('a,b');
    await expect(save({ senderFrame: { url: appUrl } }, { suggestedName: 'x', bytes: 'not bytes' })).rejects.toThrow(/Invalid dialog options/);
  });
});

describe('desktop main: the engine cannot start', () => {
  async function failurePage(fake: FakeElectron): Promise<string> {
    return statusText(await fake.nextLoad((u) => u.startsWith('data:') && !statusText(u).includes('Starting Patchbay')));
  }

  function retry(fake: FakeElectron): void {
    const win = fake.windows[0];
    const onAction = fake.listeners.get('patchbay:status-action') as (e: unknown, a: unknown) => void;
    onAction({ sender: win?.webContents, senderFrame: { url: win?.urls.at(-1) } }, 'retry');
  }

  it('database newer than the app: says to update, and leaves the data untouched', async () => {
    const dir = dataDir();
    const db = new Database(join(dir, 'patchbay.db'));
    db.pragma('user_version = 999');
    db.close();
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    const page = await failurePage(fake);
    expect(page).toContain('This data was saved by a newer Patchbay');
    expect(page).toContain('Install the latest Patchbay');
    const after = new Database(join(dir, 'patchbay.db'));
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
  });

  it('port taken: names the port and how to choose another', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const fake = start({ PATCHBAY_DATA_DIR: dataDir(), PATCHBAY_PORT: String(port) });
      const page = await failurePage(fake);
      expect(page).toContain('The port Patchbay needs is taken');
      expect(page).toContain(`Port ${port}`);
      expect(page).toContain('PATCHBAY_PORT');
    } finally {
      blocker.close();
    }
  });

  it('another engine on the same data folder: says to close it, and Try again works once it is gone', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'engine.lock'), JSON.stringify({ pid: process.pid }));
    const fake = start({ PATCHBAY_DATA_DIR: dir });
    const page = await failurePage(fake);
    expect(page).toContain('Patchbay is already running');
    expect(page).toContain('Try again');
    writeFileSync(join(dir, 'engine.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 })); // a process that is gone
    const from = fake.loads.length;
    retry(fake);
    const appUrl = await fake.nextLoad(isHttp, from);
    expect((await callEngine(appUrl, 'workflows.list')).status).toBe(200);
  });

  it('data folder not writable: says so and what to do', async () => {
    const parent = dataDir();
    writeFileSync(join(parent, 'a-file'), '');
    mkdirSync(join(parent, 'ok'));
    const fake = start({ PATCHBAY_DATA_DIR: join(parent, 'a-file', 'data') });
    const page = await failurePage(fake);
    expect(page).toContain('Patchbay cannot write to its data folder');
    expect(page).toContain('PATCHBAY_DATA_DIR');
  });
});
