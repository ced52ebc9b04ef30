// Bundles the Electron shell (main, preload, engine process) into dist/electron/*.cjs.
// Native modules and electron itself stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'isolated-vm', 'esbuild'],
  logLevel: 'info',
};

await build({ ...common, entryPoints: { main: 'electron/main.ts', 'engine-process': 'electron/engine-process.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
// The sandboxed preload may only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
