import type { BenchResult, BenchSuite } from './types';

// `npm run bench -- <suite> [--json] [--quick]`. Suites live in bench/<suite>.ts and export
// `run`. With --json the last line printed is {"suite": ..., "results": [...]}.
const suites: Readonly<Record<string, () => Promise<{ run: BenchSuite }>>> = {
  runloop: () => import('./runloop'),
  journal: () => import('./journal'),
  mapping: () => import('./mapping'),
  code: () => import('./code'),
  'code-memory': () => import('./code-memory'),
  netsuite: () => import('./netsuite'),
  backfill: () => import('./backfill'),
  canvas: () => import('./canvas'),
  workers: () => import('./workers'),
};

/** Flags that take a value (`--orders 20000`): their value is not a suite name. */
const VALUE_FLAGS = new Set(['--orders', '--installations', '--database']);

function table(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [r.name, r.value.toLocaleString('en-US', { maximumFractionDigits: 2 }), r.unit, r.ratio === null ? (/baseline/.test(r.name) ? 'baseline' : '') : r.ratio.toFixed(3)]);
  const head = ['benchmark', 'value', 'unit', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const names = args.filter((a, i) => !a.startsWith('--') && !VALUE_FLAGS.has(args[i - 1] ?? ''));
  const chosen = names.length > 0 ? names : Object.keys(suites);
  for (const name of chosen) {
    const load = suites[name];
    if (!load) {
      process.stderr.write(`Unknown bench suite "${name}". Suites: ${Object.keys(suites).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    let suite: { run: BenchSuite };
    try {
      suite = await load();
    } catch (e) {
      process.stderr.write(`Bench suite "${name}" is not available: ${(e as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    const results = await suite.run({ json, quick, args });
    process.stdout.write(`\n# ${name}\n${table(results)}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ suite: name, results })}\n`);
  }
}

void main();
