// Starts a run worker from the TypeScript sources (bin/patchbay, tests, benches): worker threads
// do not inherit the main thread's tsx loader, so it is registered here. The built engine starts
// dist/engine/run-worker.mjs instead (scripts/build-engine.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
