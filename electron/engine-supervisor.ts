import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { toErrorPayload, type ErrorPayload } from '../engine/errors/patchbay-error';
import type { EngineLaunch } from './engine-launch';

// Runs the engine process (`patchbay serve --control stdin`) for the window: hands it the master
// key on stdin, learns its address from the one JSON line serve prints on stdout, reports a start
// failure with the contract's { code, message } that serve prints on stderr, restarts an engine
// that dies, and stops it in order (closing stdin makes serve drain runs and close SQLite).

const Ready = z.object({ url: z.string().url(), port: z.number().int(), dataDir: z.string() });
const ErrorLine = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

/** How many unexpected deaths in a row are restarted before the window asks the user. */
const MAX_AUTO_RESTARTS = 3;
const STOP_GRACE_MS = 20_000;
const STDERR_TAIL = 16 * 1024;

export interface SupervisorEvents {
  ready: [url: string];
  failed: [error: ErrorPayload];
  restarting: [why: string];
}

export class EngineSupervisor extends EventEmitter<SupervisorEvents> {
  private child: ChildProcessWithoutNullStreams | null = null;
  private stopping: Promise<void> | null = null;
  private deathsInARow = 0;

  constructor(
    private readonly launch: () => EngineLaunch,
    /** Called for each start: the key must not be kept in main longer than needed. */
    private readonly masterKey: () => string | null,
    private readonly log: (line: string) => void = (l) => process.stderr.write(`[engine] ${l}\n`),
  ) {
    super();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.child || this.stopping) return;
    let masterKey: string | null;
    try {
      masterKey = this.masterKey();
    } catch (e) {
      this.emit('failed', toErrorPayload(e));
      return;
    }
    const { command, args, cwd } = this.launch();
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('ELECTRON_')) delete env[k];
    const child = spawn(command, [...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    let ready = false;
    let stderrTail = '';

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (this.child !== child) return;
      this.child = null;
      const what = e.code === 'ENOENT' ? `The Node runtime ${command} is missing. Reinstall Patchbay.` : `The engine could not be started: ${e.message}`;
      this.emit('failed', { code: 'internal', message: what, details: { command } });
    });
    child.stdin.on('error', () => undefined); // a dead engine closes the pipe; its exit is reported
    child.stdin.write(`${JSON.stringify({ masterKey })}\n`);

    createInterface({ input: child.stdout }).on('line', (line) => {
      if (ready) return;
      const parsed = Ready.safeParse(safeJson(line));
      if (!parsed.success) return;
      ready = true;
      this.deathsInARow = 0;
      this.emit('ready', parsed.data.url);
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail = (stderrTail + line + '\n').slice(-STDERR_TAIL);
      // The session token is the key to the engine: never into a log.
      this.log(line.replace(/token=[A-Za-z0-9_-]+/g, 'token=…'));
    });

    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (this.stopping) return;
      if (!ready) {
        this.emit('failed', startFailure(stderrTail, code, signal));
        return;
      }
      this.deathsInARow += 1;
      const why = `The engine stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}).`;
      if (this.deathsInARow > MAX_AUTO_RESTARTS) {
        this.emit('failed', { code: 'internal', message: `${why} It stopped ${this.deathsInARow} times in a row, so Patchbay no longer restarts it by itself.`, details: { log: stderrTail } });
        return;
      }
      this.emit('restarting', why);
      this.start();
    });
  }

  /** Starts again after a failure the user has dealt with (the window's "Try again"). */
  retry(): void {
    this.deathsInARow = 0;
    this.start();
  }

  /** Stops the engine in order and starts a fresh one (menu: Restart Engine). */
  async restart(): Promise<void> {
    await this.stop();
    this.stopping = null;
    this.retry();
  }

  /** Orderly stop: closing stdin asks serve to drain runs and close SQLite; resolves on exit. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const child = this.child;
    this.stopping = new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.stdin.end();
    });
    return this.stopping;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}

/** serve prints its start error as one JSON line with a contract code; anything else is shown raw. */
function startFailure(stderr: string, code: number | null, signal: NodeJS.Signals | null): ErrorPayload {
  const lines = stderr.trim().split('\n').reverse();
  for (const line of lines) {
    const parsed = ErrorLine.safeParse(safeJson(line));
    if (parsed.success) return parsed.data;
  }
  const tail = lines.slice(0, 8).reverse().join('\n');
  return { code: 'internal', message: `The engine stopped before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`}).`, details: { log: tail } };
}
