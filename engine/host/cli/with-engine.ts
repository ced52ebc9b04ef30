import { resolve } from 'node:path';
import { createEngine, type Engine } from '../engine';
import { defaultDataDir } from '../data-dir';
import { stringFlag, type ParsedArgs } from './args';
import type { CliIo } from './command';

/** Opens the engine on --data-dir (or the default data folder) for one command, then closes it. */
export async function withCliEngine<T>(args: ParsedArgs, io: CliIo, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const flag = stringFlag(args, 'data-dir');
  // Neither resume nor prune: the app may be using the same folder; housekeeping is its job.
  const engine = await createEngine({ dataDir: flag ? resolve(io.cwd, flag) : defaultDataDir(io.env), resume: false, retention: false });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
