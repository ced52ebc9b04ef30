// `npm start`: the desktop app when Electron's binary is present (fetched on first use with
// Electron's own install.js), otherwise browser mode, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function run(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function ensureBuilt(script, marker) {
  if (existsSync(join(root, marker))) return;
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let binary = electronBinary();
let why = null;
if (!binary && process.env.PATCHBAY_BROWSER !== '1') {
  const fetched = fetchElectron();
  binary = electronBinary();
  if (!fetched.ok) why = fetched.why;
}

ensureBuilt('build:renderer', 'dist/renderer/index.html');
if (binary && process.env.PATCHBAY_BROWSER !== '1') {
  ensureBuilt('build:electron', 'dist/electron/main.cjs');
  run(binary, [join(root, 'dist', 'electron', 'main.cjs')]);
} else {
  console.log(
    `Patchbay: ${why ? `the Electron binary is not available (${why}), so` : 'browser mode requested;'} starting browser mode instead.\n` +
      'The same app opens in your browser at the address printed below (127.0.0.1 only, with a one-time token).',
  );
  run(join(root, 'bin', 'patchbay'), ['serve', ...process.argv.slice(2)]);
}
