// `npm test`: installs what is missing or stale, then runs EVERY suite: lint, typecheck, the
// unit/integration tests (including the built-bundle tests of the desktop shell), the engine
// suites that run on PostgreSQL a second time there (vitest.pg.config.ts), the browser
// end-to-end tests on Debian's Chromium, and the packaging test. Each writes a JSON report to
// test-results/; the last line is CI's summary: "ci: N passed, M failed, K skipped".
// `npm test -- <vitest args>` runs only the unit suite with those arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const vitest = (config, report, extra = []) =>
  run(bin('vitest'), ['run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, report)}`, ...extra]);

/** A check that is not a vitest suite still counts: one passed or one failed test in its report. */
function check(name, status) {
  writeFileSync(join(results, `${name}.json`), JSON.stringify({ numPassedTests: status === 0 ? 1 : 0, numFailedTests: status === 0 ? 0 : 1, check: name }));
  if (status !== 0) console.error(`\n✗ ${name} failed (exit ${status})\n`);
}

ensureDeps();
const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(run(bin('vitest'), ['run', ...extra]));

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const reports = ['lint.json', 'typecheck.json', 'build.json', 'unit.json', 'unit-postgres.json', 'e2e.json', 'package.json'].map((f) => join(results, f));

check('lint', run(bin('eslint'), ['.']));
check('typecheck', run(bin('tsc'), ['-b']));
// The desktop tests load the built bundles, and the e2e tests serve the built renderer.
check('build', run('npm', ['run', 'build']));
// The storage and queue tests start their own PostgreSQL and Redis from Debian's packages; without
// them those tests fail (nothing is skipped), so say up front what to install.
const missingServers = [
  [existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb'))), 'postgresql'],
  [spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0, 'redis-server'],
].filter(([present]) => !present).map(([, pkg]) => pkg);
if (missingServers.length > 0) {
  console.error(`\n✗ The PostgreSQL and Redis tests will fail: Debian's ${missingServers.join(' and ')} ${missingServers.length > 1 ? 'are' : 'is'} missing. Install with:\n\n    sudo apt-get install -y --no-install-recommends ${missingServers.join(' ')}\n`);
}
vitest(null, 'unit.json');
// The engine suites listed in vitest.pg.config.ts, again on one throwaway PostgreSQL cluster.
vitest('vitest.pg.config.ts', 'unit-postgres.json');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  vitest('vitest.e2e.config.ts', 'e2e.json');
} else {
  // No report: the summary counts the browser suite as failed rather than silently passing.
  console.error(`\n✗ The browser tests need Debian's Chromium (${chromium} is missing). Install it with:\n\n    sudo apt-get install -y chromium\n`);
}
vitest('vitest.package.config.ts', 'package.json');

process.exit(run(process.execPath, [join(root, 'scripts', 'summarize-tests.mjs'), ...reports]));
