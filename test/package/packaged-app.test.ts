import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEngine, enginePid, processLaunch } from '../desktop/engine-probe';
import type { FakeElectron } from '../desktop/fake-electron';
import { loadMain } from '../desktop/load-main';

// `npm run package -- --dir` with a stand-in Electron (its binary cannot be downloaded here),
// then the packaged main, read from app.asar, starts the packaged engine from linux-unpacked on
// the shipped Node runtime, and the app answers. Linux only: the native modules are this
// machine's.

const root = fileURLToPath(new URL('../..', import.meta.url));
const unpacked = join(root, 'dist', 'packages', 'linux-unpacked');
const resources = join(unpacked, 'resources');
const work = mkdtempSync(join(tmpdir(), 'patchbay-package-'));

function standInElectron(): string {
  const dir = join(work, 'electron-dist');
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  copyFileSync(join(root, 'node_modules', 'electron', 'LICENSE'), join(dir, 'LICENSE'));
  writeFileSync(join(dir, 'version'), '45.5.0');
  return dir;
}

describe.skipIf(process.platform !== 'linux')('the packaged app (npm run package -- --dir)', () => {
  beforeAll(() => {
    const r = spawnSync('npm', ['run', 'package', '--', '--dir', '--linux', `-c.electronDist=${standInElectron()}`], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships only what runs: the bundled shell in app.asar, the engine tree beside it', () => {
    const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/package.json']));
    expect(statSync(join(resources, 'app.asar')).size).toBeLessThan(5 * 1024 * 1024);
    for (const f of ['engine/dist/engine/patchbay.mjs', 'engine/dist/engine/sandbox-child.mjs', 'engine/dist/engine/run-worker.mjs', 'engine/dist/renderer/index.html', 'engine/runtime/bin/node', 'engine/node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'engine/node_modules/isolated-vm/out/isolated_vm.node']) {
      expect(existsSync(join(resources, f)), f).toBe(true);
    }
  });

  it("the shipped Node has the ABI the native modules were built for", () => {
    const r = spawnSync(join(resources, 'engine', 'runtime', 'bin', 'node'), ['-p', 'process.versions.modules'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(process.versions.modules);
  });

  it('the packaged main starts the packaged engine on the shipped runtime, and the app answers', async () => {
    const appDir = join(work, 'app');
    extractAll(join(resources, 'app.asar'), appDir);
    const dataDir = join(work, 'data');
    process.env.PATCHBAY_DATA_DIR = dataDir;
    const proc = process as unknown as { resourcesPath?: string };
    proc.resourcesPath = resources;
    let fake: FakeElectron | null = null;
    try {
      fake = loadMain((f) => (f.app.isPackaged = true), join(appDir, 'dist', 'electron', 'main.cjs'));
      const appUrl = await fake.nextLoad((u) => u.startsWith('http://127.0.0.1:'));
      expect(await (await fetch(appUrl)).text()).toContain('<title>Patchbay</title>');
      expect(processLaunch(enginePid(dataDir) as number).argv.slice(0, 3)).toEqual([
        join(resources, 'engine', 'runtime', 'bin', 'node'), '--no-node-snapshot', join(resources, 'engine', 'dist', 'engine', 'patchbay.mjs'),
      ]);
      // SQLite, the isolated-vm sandbox and the TypeScript transpiler all load in the package.
      expect((await callEngine(appUrl, 'workflows.list')).status).toBe(200);
      const ran = await callEngine(appUrl, 'code.run', { code: 'export function run(input: { n: number }) { return input.n * 2; }', input: { n: 21 } });
      expect(ran.body).toMatchObject({ ok: true, output: 42 });
      expect(fake.violations).toEqual([]);
    } finally {
      fake?.app.quit();
      await fake?.app.whenQuit();
      delete proc.resourcesPath;
    }
  });
});
