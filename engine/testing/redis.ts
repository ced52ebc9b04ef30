import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { collect, freePort, INSTALL_ADVICE, serviceDir, stopper, waitUntilReady } from './services';

// Test support: a throwaway redis-server on a free loopback port, with no persistence, for the
// queue suites (BullMQ). Started by a suite's beforeAll, stopped by its afterAll.

export interface TempRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * `server`: the redis-server binary (default: the one on PATH). `port`: listen there (a test
 * restarting Redis passes the port of the one it stopped; default: a free one). `password`:
 * require it (`requirepass`); `url` then carries it.
 */
export async function startRedis(options: { server?: string; port?: number; password?: string } = {}): Promise<TempRedis> {
  const server = options.server ?? redisServerPath();
  if (!existsSync(server)) throw new Error(`redis-server is missing (${server}). ${INSTALL_ADVICE}`);
  const dir = serviceDir('patchbay-redis-', undefined);
  try {
    const port = options.port ?? await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...(options.password ? ['--requirepass', options.password] : [])];
    const child = spawn(server, args, { cwd: dir.path, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collect(child);
    const stop = stopper(child, 'SIGTERM');
    try {
      // With a password, Redis answers an unauthenticated PING with NOAUTH: it is up all the same.
      await waitUntilReady(child, output, 'redis-server', async () => /^(\+PONG|-NOAUTH)/.test(await redisCommand(port, 'PING') ?? ''));
    } catch (e) {
      await stop();
      throw e;
    }
    return {
      url: `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
      port,
      async stop() {
        await stop();
        dir.remove();
      },
    };
  } catch (e) {
    dir.remove();
    throw e;
  }
}

function redisServerPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`redis-server is missing. ${INSTALL_ADVICE}`);
  }
}

/** Sends one inline command and returns the first reply line (e.g. "+PONG"), or undefined when nothing listens. */
export async function redisCommand(port: number, command: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.once('error', () => resolve(undefined));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end >= 0) {
        socket.end();
        resolve(reply.slice(0, end));
      }
    });
    socket.once('connect', () => socket.write(`${command}\r\n`));
  });
}
