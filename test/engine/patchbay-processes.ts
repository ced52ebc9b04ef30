import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Real `patchbay server` and `patchbay worker` processes (from bin/patchbay) for the queue suites
// on PostgreSQL: started, their output kept, called over the server's bridge, stopped.

const bin = fileURLToPath(new URL('../../bin/patchbay', import.meta.url));

export interface Proc {
  readonly proc: ChildProcess;
  /** The first line on stdout that contains `marker`, parsed. */
  readonly ready: Promise<Record<string, unknown>>;
  readonly exited: Promise<number | null>;
  /** What it said to the operator so far. */
  stderr(): string;
}

export function startPatchbay(args: readonly string[], marker: string): Proc {
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.includes(marker));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, ready, exited, stderr: () => stderr };
}

/** `patchbay server` on PostgreSQL and Redis, with a bridge on a free port. */
export function startServer(dataDir: string, database: string, redis: string): Proc {
  return startPatchbay(['server', '--data-dir', dataDir, '--database', database, '--redis', redis, '--port', '0'], '"url"');
}

/** Short locks, so a killed worker's job is taken over within seconds (the defaults are 30 s / 15 s). */
export function startWorker(dataDir: string, database: string, redis: string): Proc {
  return startPatchbay(['worker', '--data-dir', dataDir, '--database', database, '--redis', redis, '--threads', '1', '--lock-duration', '2000', '--stalled-interval', '1000'], '"ready"');
}

export async function stopPatchbay(p: Proc): Promise<void> {
  if (p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  p.proc.kill('SIGTERM');
  await p.exited;
}

export type Call = <T>(method: string, args: unknown) => Promise<T>;

/** Calls the contract over a started server's bridge, with its session token. */
export async function bridgeOf(server: Proc): Promise<Call> {
  const url = new URL(String((await server.ready).url));
  const token = url.searchParams.get('token') ?? '';
  return async <T>(method: string, args: unknown): Promise<T> => {
    const res = await fetch(new URL(`/api/call/${method}`, url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
    const body = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
    return body as T;
  };
}
