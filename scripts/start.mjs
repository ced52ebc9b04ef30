// `npm start`: installs what is missing or stale against the lockfile, builds what is out of date,
// then starts the desktop app when Electron's binary is present (fetched on first use with
// Electron's own install.js), otherwise browser mode, saying why. In development the app's engine
// runs on the Node that runs npm (npm passes its path as npm_node_execpath).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function fetchElectron() {
  if (!existsSync(join(electronDir, 'install.js'))) return { ok: false, why: 'the electron package is not installed' };
  console.log('Patchbay: fetching the Electron binary (first start only)…');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'inherit', 'pipe'], timeout: 120_000, encoding: 'utf8' });
  if (r.status === 0 && electronBinary()) return { ok: true };
  const errorLine = (r.stderr || '').split('\n').map((l) => l.trim()).find((l) => /error/i.test(l) && !l.startsWith('at '));
  const reason = r.error?.code === 'ETIMEDOUT' ? 'the download timed out' : `its download failed: ${errorLine ?? `install.js exited with ${r.status}`}`;
  return { ok: false, why: reason };
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `npm run <script>` when its output is missing or older than any of its sources. */
function buildIfStale(script, output, sources) {
  const out = join(root, output);
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(...sources.map((s) => newestMtime(join(root, s))))) return;
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

ensureDeps();
let binary = electronBinary();
let why = null;
if (!binary && process.env.PATCHBAY_BROWSER !== '1') {
  const fetched = fetchElectron();
  binary = electronBinary();
  if (!fetched.ok) why = fetched.why;
}

buildIfStale('build:renderer', 'dist/renderer/index.html', ['renderer', 'engine/api']);
if (binary && process.env.PATCHBAY_BROWSER !== '1') {
  buildIfStale('build:engine', 'dist/engine/patchbay.mjs', ['engine']);
  buildIfStale('build:electron', 'dist/electron/main.cjs', ['electron', 'engine/api']);
  run(binary, [join(root, 'dist', 'electron', 'main.cjs')]);
} else {
  console.log(
    `Patchbay: ${why ? `the Electron binary is not available (${why}), so` : 'browser mode requested;'} starting browser mode instead.\n` +
      'The same app opens in your browser at the address printed below (127.0.0.1 only, with a one-time token).',
  );
  run(join(root, 'bin', 'patchbay'), ['serve', ...process.argv.slice(2)]);
}
