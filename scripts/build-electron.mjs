// Bundles the Electron shell into dist/electron/: main.cjs (main process) and preload.cjs (the
// sandboxed preload, which may require only electron's renderer modules, events, timers and url,
// so everything else is bundled in). The engine is not here: main starts dist/engine/patchbay.mjs.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['electron'], logLevel: 'warning', outdir: 'dist/electron', outExtension: { '.js': '.cjs' } };

await build({ ...common, entryPoints: { main: 'electron/main.ts' } });
await build({ ...common, entryPoints: { preload: 'electron/preload.ts' } });
