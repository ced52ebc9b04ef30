// Bundles the engine and its CLI (the same entry `bin/patchbay` runs from sources) into one file,
// dist/engine/patchbay.mjs, which the desktop app starts with `serve` on the Node runtime it ships.
// Beside it: dist/engine/run-worker.mjs, the worker threads runs execute in (engine/host/run-workers/pool.ts),
// and dist/engine/sandbox-child.mjs, the process Custom Code runs in (the engine finds it next to its
// own module: engine/sandbox/child-entry.ts). Only modules with native parts or binaries stay
// external; they ship beside it in node_modules.
// The bundle sits two folders below the root like engine/host/bridge.ts, so the bridge's default
// UI folder (../../dist/renderer from the module) resolves the same from sources and from here.
import { build } from 'esbuild';

export const ENGINE_EXTERNALS = ['better-sqlite3', 'isolated-vm', 'esbuild'];

await build({
  entryPoints: { patchbay: 'engine/host/cli/main.ts', 'sandbox-child': 'engine/sandbox/child/main.ts', 'run-worker': 'engine/host/run-workers/worker-main.ts' },
  outdir: 'dist/engine',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ENGINE_EXTERNALS,
  // CommonJS dependencies call require() for Node's builtins; ESM output needs one to exist.
  banner: { js: "import { createRequire as __patchbayCreateRequire } from 'node:module'; const require = __patchbayCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
