// Installs what is missing or stale against package-lock.json, so `npm start` and `npm test` work
// on a fresh clone and after a pull. Compares every locked package with what node_modules holds
// (and that the native modules were built), then runs npm only if something differs.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE_BUILDS = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/isolated-vm/out/isolated_vm.node'];

function matches(list, value) {
  if (!Array.isArray(list) || list.length === 0) return true;
  const negated = list.filter((x) => x.startsWith('!')).map((x) => x.slice(1));
  const allowed = list.filter((x) => !x.startsWith('!'));
  return !negated.includes(value) && (allowed.length === 0 || allowed.includes(value));
}

/** The first few packages that differ from the lockfile (empty when node_modules is current). */
export function staleAgainstLockfile() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const stale = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key.startsWith('node_modules/') || entry.link) continue;
    if (!matches(entry.os, process.platform) || !matches(entry.cpu, process.arch)) continue;
    let version = null;
    try {
      version = JSON.parse(readFileSync(join(root, key, 'package.json'), 'utf8')).version;
    } catch {
      if (entry.optional) continue; // an optional package may legitimately fail to install
    }
    if (version !== entry.version) stale.push(`${key.slice('node_modules/'.length)} (${version ?? 'missing'}, locked ${entry.version})`);
    if (stale.length >= 5) break;
  }
  for (const f of NATIVE_BUILDS) if (stale.length < 5 && !existsSync(join(root, f))) stale.push(`${f} (not built)`);
  return stale;
}

export function ensureDeps() {
  const modules = join(root, 'node_modules');
  const present = existsSync(modules);
  const stale = present ? staleAgainstLockfile() : ['node_modules (missing)'];
  if (stale.length === 0) return;
  if (present && lstatSync(modules).isSymbolicLink()) {
    // A shared node_modules (a link to another checkout's) is not ours to change.
    console.warn(`Patchbay: node_modules differs from package-lock.json (${stale.join(', ')}), but it links to ${realpathSync(modules)}; run npm install there.`);
    return;
  }
  console.log(`Patchbay: installing dependencies; differs from package-lock.json: ${stale.join(', ')}`);
  // npm ci on a fresh clone; otherwise an install that changes neither package.json nor the lockfile.
  const args = present ? ['install', '--no-save', '--no-audit', '--no-fund'] : ['ci', '--no-audit', '--no-fund'];
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`Patchbay: \`npm ${args.join(' ')}\` failed (exit ${r.status}); fix the error above and try again.`);
    process.exit(r.status ?? 1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) ensureDeps();
