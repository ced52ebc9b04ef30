import { resolve } from 'node:path';
import { createEngine, type Engine } from '../engine';
import { defaultDataDir } from '../data-dir';
import { stringFlag, type ParsedArgs } from './args';
import type { CliIo } from './command';
import { databaseFlag } from './database-flag';

/**
 * Opens the engine on --data-dir (or the default data folder) for one command, then closes it; with
 * --database (or PATCHBAY_DATABASE_URL) on a server's PostgreSQL, the data dir holding its key.
 */
export async function withCliEngine<T>(args: ParsedArgs, io: CliIo, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const flag = stringFlag(args, 'data-dir');
  const database = databaseFlag(stringFlag(args, 'database') ?? io.env.PATCHBAY_DATABASE_URL);
  // Neither resume nor prune: the app may be using the same folder; housekeeping is its job.
  const engine = await createEngine({ dataDir: flag ? resolve(io.cwd, flag) : defaultDataDir(io.env), ...(database ? { database } : {}), resume: false, retention: false });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
