import { spawn, type ChildProcess } from 'node:child_process';

// The workers bench's processes: the engine as users run it (the bundled CLI on plain Node, as
// dist/engine ships; bench/bundle.ts builds it) and the simulators' process beside it.

export interface Started {
  readonly proc: ChildProcess;
  /** The first JSON line on stdout containing `marker`, parsed. */
  readonly ready: Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts `node --no-node-snapshot <script> <args>` (isolated-vm needs the flag); its stderr is shown if it fails. */
export function startNode(script: string, args: readonly string[], marker: string, env: NodeJS.ProcessEnv = process.env): Started {
  const proc = spawn(process.execPath, ['--no-node-snapshot', script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const onData = (c: Buffer): void => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.includes(marker));
      if (!line) return;
      proc.stdout?.off('data', onData);
      resolve(JSON.parse(line) as Record<string, unknown>);
    };
    proc.stdout?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`${args[0] ?? script} exited (${code}) before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return {
    proc, ready,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.stdin?.end();
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a command of the bundled CLI to its end and returns its stdout parsed as JSON. */
export async function runCli(bundle: string, args: readonly string[]): Promise<unknown> {
  const proc = spawn(process.execPath, ['--no-node-snapshot', bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  if (code !== 0) throw new Error(`patchbay ${args.join(' ')} failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as unknown;
}
