import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Node heap of a sandbox process. Isolates have their own limits; this bounds the relay itself
 * (the JSON texts it holds for a run: a few chunks, or one output of at most the output limit).
 */
const CHILD_HEAP_MB = 1024;

/**
 * Starts a sandbox process (child/main.ts). From sources (bin/patchbay, vitest, bench) the entry is
 * TypeScript and runs under tsx; in the built engine (scripts/build-engine.mjs) it is
 * `sandbox-child.mjs` beside the bundle that contains this module, which is also where it sits in
 * the packaged app. The same holds when the engine runs inside a worker thread: the entry is found
 * from this module's URL, not from the process's main script.
 */
export function startSandboxProcess(): ChildProcess {
  const here = import.meta.url;
  const fromSources = here.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSources ? './child/main.ts' : './sandbox-child.mjs', here));
  // --no-node-snapshot: isolated-vm needs it (see DESIGN.md, Versions).
  const execArgv = ['--no-node-snapshot', `--max-old-space-size=${CHILD_HEAP_MB}`];
  if (fromSources) execArgv.push('--import', new URL('../../node_modules/tsx/dist/loader.mjs', here).href);
  // 'advanced' serialization copies the JSON texts as they are; 'json' would escape them again.
  // stdout stays closed: the CLI prints its answer there and nothing else may.
  return fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}
