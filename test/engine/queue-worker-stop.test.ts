import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serverCommand } from '../../engine/host/cli/server';
import { fileKeyProvider } from '../../engine/secrets/key-provider';
import { startRedis, type TempRedis } from '../../engine/testing/redis';
import { freePort } from '../../engine/testing/services';
import { tempDir } from '../../engine/testing/temp-engine';

// `patchbay worker` (the real process, from bin/patchbay) as an operator meets it when Redis is
// not as expected: a wrong password ends it with a code that says what to fix, and SIGTERM (what
// Ctrl+C, systemd and Kubernetes send) stops it although Redis does not answer.

const bin = fileURLToPath(new URL('../../bin/patchbay', import.meta.url));
const dirs: { remove(): void }[] = [];
const procs: ChildProcess[] = [];
afterAll(() => {
  // A worker that failed to stop is not left behind.
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const d of dirs) d.remove();
});

interface WorkerProcess {
  readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** Resolves once the worker has printed `text`. */
  said(text: string): Promise<void>;
}

async function startWorker(redisUrl: string, extra: readonly string[] = []): Promise<WorkerProcess> {
  const dir = tempDir();
  dirs.push(dir);
  // The server's key, as an operator copies it in (a worker never makes its own).
  await fileKeyProvider(join(dir.path, 'secrets.key')).loadKey();
  const proc = spawn(bin, ['worker', '--data-dir', dir.path, '--redis', redisUrl, '--threads', '1', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve(): void }[] = [];
  const check = (): void => {
    for (const w of waiters.splice(0)) {
      if (stdout.includes(w.text) || stderr.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  };
  proc.stdout?.on('data', (c: Buffer) => ((stdout += c.toString()), check()));
  proc.stderr?.on('data', (c: Buffer) => ((stderr += c.toString()), check()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc, exited,
    output: () => ({ stdout, stderr }),
    said: (text) => new Promise<void>((resolve, reject) => {
      waiters.push({ text, resolve });
      check();
      void exited.then((code) => reject(new Error(`worker exited (${code}) before saying "${text}": ${stderr}`)));
    }),
  };
}

describe('patchbay worker when Redis is not as expected', () => {
  let redis: TempRedis | undefined;
  afterAll(async () => {
    await redis?.stop();
  });

  it('with a wrong Redis password: exits 1 with redis_auth_failed saying how to give the password, never printing it', async () => {
    redis = await startRedis({ password: 'Right-pass-42' });
    const worker = await startWorker(redis.url.replace('Right-pass-42', 'WrongPw-7'));
    expect(await worker.exited).toBe(1);
    const { stdout, stderr } = worker.output();
    const error = JSON.parse(stderr.trim().split('\n').pop() ?? '') as { code: string; message: string };
    expect(error.code).toBe('redis_auth_failed');
    expect(error.message).toMatch(/refused the user name or password in --redis\. Put the password Redis expects in the URL, redis:\/\/:PASSWORD@HOST:6379/);
    expect(stdout + stderr).not.toContain('WrongPw-7');
    expect(stdout).not.toContain('ready');

    // No password at all, where Redis needs one: the same code, in its own words.
    const bare = await startWorker(redis.url.replace(':Right-pass-42@', ''));
    expect(await bare.exited).toBe(1);
    expect(bare.output().stderr).toMatch(/"code":"redis_auth_failed".*needs a password and --redis gives none/);

    // `patchbay server` checks the same before it starts anything.
    const dir = tempDir();
    dirs.push(dir);
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir.path, env: {} };
    await expect(serverCommand.run(['--data-dir', dir.path, '--redis', redis.url.replace('Right-pass-42', 'WrongPw-7')], io)).rejects.toMatchObject({ code: 'redis_auth_failed' });
  }, 60_000);

  it('stops on SIGTERM with exit 0 when Redis went down after it started', async () => {
    const own = await startRedis();
    const worker = await startWorker(own.url);
    await worker.said('"worker":"ready"');
    await own.stop();
    worker.proc.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 60_000);

  it('stops on SIGTERM with exit 0 while it is still waiting for a Redis that never answered', async () => {
    const worker = await startWorker(`redis://127.0.0.1:${await freePort()}`);
    await worker.said('ECONNREFUSED');
    worker.proc.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output().stderr).toContain('stopped before it was ready (Redis or the database had not answered); it had taken no runs');
  }, 60_000);

  it('stops on SIGTERM with exit 0 while it is still waiting for a PostgreSQL that never answered', async () => {
    const own = await startRedis();
    try {
      const worker = await startWorker(own.url, ['--database', `postgres://patchbay@127.0.0.1:${await freePort()}/patchbay`]);
      await worker.said('is unavailable');
      worker.proc.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output().stderr).toContain('it had taken no runs');
    } finally {
      await own.stop();
    }
  }, 60_000);
});
