import { resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import { redactDatabaseUrl } from '../../storage/postgres';
import { defaultDataDir } from '../data-dir';
import { shownRedisUrl } from '../queue/redis';
import { startQueueWorker } from '../queue/worker';
import { intFlag, parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { databaseFlag } from './database-flag';

export function redisFlag(value: string | undefined): { url: string } {
  if (!value) throw new PatchbayError('bad_request', 'Say which Redis holds the run queue: --redis redis://HOST:6379 (see README, "Production runner").');
  if (!/^rediss?:\/\//.test(value)) throw new PatchbayError('bad_request', `--redis takes a redis:// or rediss:// URL, not "${value}".`);
  return { url: value };
}

function positive(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && value <= 0) throw new PatchbayError('bad_request', `--${name} takes a positive number.`);
  return value;
}

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Execute runs that `patchbay server` enqueued on Redis (start any number)',
  usage: 'patchbay worker --redis redis://HOST:6379 [--database postgres://user:password@host:5432/patchbay] [--data-dir D] [--secrets-key FILE] [--concurrency N] [--threads N] [--lock-duration MS] [--stalled-interval MS]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const dataDir = resolve(io.cwd, stringFlag(args, 'data-dir') ?? defaultDataDir(io.env));
    const redis = redisFlag(stringFlag(args, 'redis'));
    const secretsKey = stringFlag(args, 'secrets-key');
    const database = databaseFlag(stringFlag(args, 'database') ?? io.env.PATCHBAY_DATABASE_URL);
    const concurrency = positive(intFlag(args, 'concurrency'), 'concurrency');
    const threads = positive(intFlag(args, 'threads'), 'threads');
    const lockDuration = positive(intFlag(args, 'lock-duration'), 'lock-duration');
    const stalledInterval = positive(intFlag(args, 'stalled-interval'), 'stalled-interval');
    // Listening from the start: Ctrl+C (or SIGTERM) also stops a worker still waiting for Redis or PostgreSQL.
    const stopping = new AbortController();
    const stop = (): void => stopping.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      let worker;
      try {
        worker = await startQueueWorker({
          ...redis, dataDir, ...(secretsKey ? { secretsKey: resolve(io.cwd, secretsKey) } : {}), ...(database ? { database } : {}), log: (line) => io.stderr(`${line}\n`), signal: stopping.signal,
          ...(concurrency ? { concurrency } : {}), ...(threads ? { threads } : {}),
          ...(lockDuration ? { lockDuration } : {}), ...(stalledInterval ? { stalledInterval } : {}),
        });
      } catch (e) {
        if (!stopping.signal.aborted) throw e;
        io.stderr('Patchbay worker stopped before it was ready (Redis or the database had not answered); it had taken no runs.\n');
        return 0;
      }
      io.stdout(`${JSON.stringify({ worker: 'ready', dataDir })}\n`);
      io.stderr(`Patchbay worker is taking runs from ${shownRedisUrl(redis)} (${database ? `database ${redactDatabaseUrl(database)}, secrets key ${secretsKey ? resolve(io.cwd, secretsKey) : `in ${dataDir}`}` : `data in ${dataDir}`}). Press Ctrl+C to stop; runs in progress continue on another worker.\n`);
      if (!stopping.signal.aborted) await new Promise((done) => stopping.signal.addEventListener('abort', done, { once: true }));
      await worker.close();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  },
};
