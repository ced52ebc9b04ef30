import { checkRedisCredentials } from '../queue/redis';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { serve } from './serve';
import { redisFlag } from './worker';

export const serverCommand: CliCommand = {
  name: 'server',
  summary: 'Start the production runner: the engine, API and UI, with runs executed by `patchbay worker` processes through Redis',
  usage: 'patchbay server --redis redis://HOST:6379 [--database postgres://user:password@host:5432/patchbay] [--port N] [--data-dir D] [--auth api-keys [--host H] [--public-url URL]]',
  async run(argv, io) {
    const redis = redisFlag(stringFlag(parseArgs(argv), 'redis'));
    // As for a worker: a refused password ends the start instead of being retried forever.
    await checkRedisCredentials(redis);
    return serve(argv, io, redis);
  },
};
