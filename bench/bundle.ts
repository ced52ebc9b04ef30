import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Benches that measure the engine's memory run it as it ships: bundled like dist/engine
// (scripts/build-engine.mjs), on plain Node. From sources every thread registers tsx, whose
// loader thread and transpiled modules cost ~60 MB per run worker that users never pay.

const root = fileURLToPath(new URL('..', import.meta.url));
/** Modules with native parts or binaries stay external, as in scripts/build-engine.mjs. */
const EXTERNALS = ['better-sqlite3', 'isolated-vm', 'esbuild'];

/**
 * Bundles `entry` (a bench's side, from the repository root) with the run worker and the sandbox
 * child beside it, where the engine looks for them, into dist/bench/ (two folders below the
 * root, like dist/engine). Returns the bundle's path.
 */
export async function bundleBenchSide(entry: string, name: string): Promise<string> {
  return (await bundleBenchSides({ [name]: entry }))[name] ?? '';
}

/** The same for several entries at once (name → entry); returns each bundle's path by name. */
export async function bundleBenchSides(entries: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const outdir = `${root}dist/bench`;
  await build({
    absWorkingDir: root,
    entryPoints: { ...entries, 'run-worker': 'engine/host/run-workers/worker-main.ts', 'sandbox-child': 'engine/sandbox/child/main.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNALS,
    banner: { js: "import { createRequire as __patchbayCreateRequire } from 'node:module'; const require = __patchbayCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, `${outdir}/${name}.mjs`]));
}
