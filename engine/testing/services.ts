import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Test support: throwaway Debian server processes (PostgreSQL, Redis) for the production-runner
// suites. Nothing is skipped when a server is missing: the suite fails with this advice instead,
// because a skipped storage test would let the PostgreSQL path rot unnoticed.
export const INSTALL_ADVICE = 'Install Debian\'s servers with `sudo apt-get update && sudo apt-get install -y --no-install-recommends postgresql redis-server` (the install step of .ci/run).';

/** A free TCP port on loopback (the kernel picks it; the listener is closed before we return). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceUser {
  readonly uid: number;
  readonly gid: number;
}

/**
 * PostgreSQL refuses to run as root, and CI runs as root: there we run the server as the
 * `postgres` system user Debian's package creates (spawned with its uid/gid, so signals reach the
 * server itself rather than a wrapper such as runuser). Anyone else runs it as themselves.
 */
export function serviceUser(name: string): ServiceUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`Running as root, the PostgreSQL tests need the \`${name}\` system user to run the server as. ${INSTALL_ADVICE}`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** A temp directory the service user owns (mode 0700, as PostgreSQL requires of its data dir). */
export function serviceDir(prefix: string, user: ServiceUser | undefined): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  if (user) chownSync(path, user.uid, user.gid);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The newest Debian PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return majors.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')));
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runToEnd(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output()}`);
}

/** Everything a child printed so far (for the error when it dies before it is ready). */
export function collect(child: ChildProcess): () => string {
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Polls `ready` until it resolves true; fails early when the server process exits, with what it
 * printed, rather than waiting out the whole deadline.
 */
export async function waitUntilReady(child: ChildProcess, output: () => string, what: string, ready: () => Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  let exited: number | null | undefined;
  const onExit = (code: number | null): void => {
    exited = code;
  };
  child.once('exit', onExit);
  try {
    const until = Date.now() + deadlineMs;
    while (Date.now() < until) {
      if (exited !== undefined) throw new Error(`${what} exited (code ${exited}) before accepting connections:\n${output()}`);
      if (await ready()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what} did not accept connections within ${deadlineMs / 1000}s:\n${output()}`);
  } finally {
    child.off('exit', onExit);
  }
}

/** Stops a server with `signal` and waits for it to exit; a child left running at process exit is killed. */
export function stopper(child: ChildProcess, signal: NodeJS.Signals): () => Promise<void> {
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  return async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };
}
