import { resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import { listenPolicy, parseAuthMode } from '../auth/listen';
import { startBridge } from '../bridge';
import { defaultDataDir } from '../data-dir';
import { createEngine } from '../engine';
import { loadServerKey } from '../../secrets/server-key';
import { serverKeyPath } from '../handlers/servers';
import { defaultRunWorkers } from '../run-workers/pool';
import { readControl } from '../serve/control';
import { acquireInstanceLock } from '../serve/instance-lock';
import { toStartError } from '../serve/start-errors';
import { intFlag, parseArgs, stringFlag } from './args';
import { databaseFlag } from './database-flag';
import type { CliCommand, CliIo } from './command';
import type { RedisTarget } from '../queue/redis';
import { DatabaseWatch } from '../../storage/database-watch';
import { redactDatabaseUrl } from '../../storage/postgres';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start browser mode: the Patchbay UI and engine on 127.0.0.1 (the desktop app runs this too)',
  usage: 'patchbay serve [--port N] [--data-dir D] [--database postgres://…] [--control stdin] [--auth api-keys [--host H] [--public-url URL]]',
  run: (argv, io) => serve(argv, io, null),
};

/**
 * `serve`, or with a queue `server`: the same engine, bridge and UI; the server's runs go to
 * BullMQ workers instead of this process's threads. It alone runs the scheduler (schedules and
 * polls fire once, however many workers there are) and resumes interrupted runs onto the queue.
 */
/**
 * Starts the server's engine once PostgreSQL answers, as a worker does: after a reboot the
 * database may come up after Patchbay. Ctrl+C gives up the wait.
 */
async function whenDatabaseAnswers<T>(database: string, io: CliIo, start: () => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const giveUp = (): void => abort.abort();
  process.once('SIGINT', giveUp);
  process.once('SIGTERM', giveUp);
  try {
    const watch = new DatabaseWatch({ probe: () => Promise.resolve(), describe: redactDatabaseUrl(database), log: (line) => io.stderr(`patchbay server: ${line}\n`) });
    return await watch.untilAvailable(start, abort.signal);
  } finally {
    process.off('SIGINT', giveUp);
    process.off('SIGTERM', giveUp);
  }
}

export async function serve(argv: readonly string[], io: CliIo, queue: RedisTarget | null): Promise<number> {
  const args = parseArgs(argv);
  const dataDir = resolve(io.cwd, stringFlag(args, 'data-dir') ?? defaultDataDir(io.env));
  const port = intFlag(args, 'port') ?? 0;
  const controlMode = stringFlag(args, 'control');
  if (controlMode !== undefined && controlMode !== 'stdin') throw new PatchbayError('bad_request', '--control takes only "stdin".');
  // `serve` takes PostgreSQL only from its flag, not from PATCHBAY_DATABASE_URL: the desktop app
  // starts `serve` with the user's environment, and must keep its own SQLite file whatever is set there.
  const database = databaseFlag(stringFlag(args, 'database') ?? (queue ? io.env.PATCHBAY_DATABASE_URL : undefined));
  const listen = { host: stringFlag(args, 'host'), auth: parseAuthMode(stringFlag(args, 'auth')), publicUrl: stringFlag(args, 'public-url') };
  const policy = listenPolicy(listen); // refused before anything starts
  const control = controlMode ? await readControl(process.stdin) : null;
  let lock: { release(): void } | null = null;
  let bridge;
  try {
    lock = acquireInstanceLock(dataDir);
    // A production server gets no demo sandbox: its simulators would run here, out of its
    // workers' reach, and their connections would land in the customers' database.
    const options = { dataDir, keyProvider: control?.keyProvider, scheduler: true, demoSandbox: !queue, ...(queue ? { queue } : { runWorkers: defaultRunWorkers() }) };
    const engine = database && queue
      ? await whenDatabaseAnswers(database, io, () => createEngine({ ...options, database }))
      : await createEngine({ ...options, ...(database ? { database } : {}) });
    // A team's server makes its key pair for published credentials on first start, beside its master key.
    if (policy.auth === 'api-keys') await loadServerKey(serverKeyPath(dataDir)).catch(async (e: unknown) => {
      await engine.close();
      throw e;
    });
    bridge = await startBridge({ engine, port, ...listen }).catch(async (e: unknown) => {
      await engine.close();
      throw e;
    });
  } catch (e) {
    lock?.release();
    // An open stdin would keep the process alive: the caller is told through the error.
    if (control) process.stdin.destroy();
    throw toStartError(e, { dataDir, port });
  }
  const running = bridge;
  // The address carries the session token, so it is printed once: on stdout, where programs
  // (and Electron main) read it; the note for people on stderr points at it.
  io.stdout(`${JSON.stringify({ url: running.url, port: running.port, dataDir })}\n`);
  const dataIn = database ? `data in ${redactDatabaseUrl(database)}, keys in ${dataDir}` : `data in ${dataDir}`;
  const queued = queue ? ' Runs go to `patchbay worker` processes through Redis.' : '';
  io.stderr(policy.auth === 'api-keys'
    ? `Patchbay is running on ${policy.host}:${running.port} for ${running.url} (${dataIn}); sign in as a user (\`patchbay users add <name> --role admin\`) or with an API key (\`patchbay apikeys create --name <who>\`).${queued}\nPress Ctrl+C to stop.\n`
    : `Patchbay is running ${queue ? 'as a server' : 'in browser mode'} on port ${running.port} (${dataIn}).${queued}\nOpen the "url" printed above: it carries this session's token.\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      // The bridge does not own an engine it was handed: close both, runs drained, SQLite closed.
      void running.close().then(() => running.engine.close()).finally(() => {
        lock?.release();
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void control?.stopRequested.then(stop);
  });
  return 0;
}
