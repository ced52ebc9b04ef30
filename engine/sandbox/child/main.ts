import { ConsoleCapture } from '../console-capture';
import { InvalidInput } from '../errors';
import { execute, type Payload } from '../execute';
import { IsolatePool } from '../isolate-pool';
import type { RunLimits } from '../limits';
import type { TranspiledCode } from '../transpile';
import { toChildSchema, type FromChild, type ToChild } from './protocol';

// A sandbox process: the engine (sandbox.ts, process-pool.ts) starts a few of these and sends
// each one run at a time. Isolates live here, not in the engine, because V8 grants a single huge
// allocation (a flattened rope of hundreds of MB) before isolated-vm's limit sees it: that memory
// must land in a process the engine can kill. This process only relays JSON text between the
// engine and its isolates; it never parses user data.

type Start = Extract<ToChild, { t: 'start' }>;
type Fed = Extract<ToChild, { t: 'chunk' } | { t: 'bad-input' }>;

// A run is alone here (the engine sends one at a time), but ids keep late messages of an ended
// run from reaching the next one.
interface Active {
  readonly id: number;
  readonly abort: AbortController;
  feed: ((m: Fed) => void) | null;
}

const pool = new IsolatePool({ maxIsolates: 2, maxIdlePerSize: 1, maxRunsPerIsolate: 500 });
/** The engine sends transpiled code by value; one object per script keeps the compiled-script cache working. */
const scripts = new Map<string, TranspiledCode>();
let active: Active | null = null;

function send(m: FromChild): void {
  process.send?.(m);
}

function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function codeOf(code: TranspiledCode): TranspiledCode {
  const hit = scripts.get(code.script);
  if (hit) return hit;
  scripts.set(code.script, code);
  if (scripts.size > 64) scripts.delete(scripts.keys().next().value ?? '');
  return code;
}

function request(run: Active): Promise<Fed> {
  return new Promise<Fed>((resolve) => {
    run.feed = resolve;
    send({ t: 'pull', id: run.id });
  });
}

/**
 * Payloads are asked for one ahead: the engine encodes the next chunk while this one crosses and
 * runs, so the isolate does not wait for it.
 */
async function* pulled(run: Active, first: () => Payload | undefined, single: boolean): AsyncGenerator<Payload> {
  const given = first();
  if (given) {
    yield given;
    if (single) return;
  }
  let next = request(run);
  for (;;) {
    const m = await next;
    run.feed = null;
    if (m.t === 'bad-input') throw new InvalidInput(m.message);
    if (m.text === null) return;
    next = request(run);
    yield { text: m.text, index: m.index };
  }
}

async function start(m: Start): Promise<void> {
  const run: Active = { id: m.id, abort: new AbortController(), feed: null };
  active = run;
  const capture = new ConsoleCapture();
  // The engine watches these and ends this process if it outgrows the run's bound.
  const watch = setInterval(() => send({ t: 'rss', rss: process.memoryUsage.rss(), maxRss: maxRss() }), 20);
  const limits: RunLimits = m.limits;
  let lease;
  try {
    lease = await pool.acquire(limits.memoryMb);
  } catch (e) {
    clearInterval(watch);
    active = null;
    const message = e instanceof Error ? e.message : String(e);
    send({ t: 'done', id: m.id, error: { code: 'code_sandbox_unavailable', message, line: null, column: null }, console: [], setupMs: 0, runMs: 0, rss: process.memoryUsage.rss(), maxRss: maxRss(), lost: false });
    return;
  }
  let healthy = false;
  // The payload sent along is good only for the `run` it was projected for.
  let first = m.first;
  const onLoad = (source: unknown): void => {
    const actual = typeof source === 'string' ? source : null;
    if (m.assumedSource !== undefined && m.assumedSource === actual) return;
    first = undefined;
    send({ t: 'source', id: m.id, source: actual });
  };
  try {
    const outcome = await execute({
      pool,
      lease,
      code: codeOf(m.code),
      plan: {
        op: m.op,
        payloads: pulled(run, () => first, m.op === 'run'),
        accept: (text) => send({ t: 'out', id: m.id, text }),
        ...(m.wantsSource ? { onLoad } : {}),
      },
      limits,
      ctxJson: m.ctxJson,
      maxOutputChars: m.maxOutputChars,
      capture,
      signal: run.abort.signal,
    });
    healthy = outcome.healthy;
    send({ t: 'done', id: m.id, error: outcome.error, console: capture.lines, setupMs: outcome.setupMs, runMs: outcome.runMs, rss: process.memoryUsage.rss(), maxRss: maxRss(), lost: lease.lost });
  } finally {
    clearInterval(watch);
    active = null;
    pool.release(lease, healthy);
  }
}

process.on('message', (raw: unknown) => {
  const parsed = toChildSchema.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(`sandbox process: ignored a message it does not understand (${parsed.error.issues[0]?.message ?? 'invalid'})\n`);
    return;
  }
  const m = parsed.data;
  if (m.t === 'start') {
    void start(m);
    return;
  }
  if (!active || active.id !== m.id) return;
  if (m.t === 'cancel') active.abort.abort();
  else active.feed?.(m);
});
// The engine went away: nothing here is worth finishing.
process.on('disconnect', () => process.exit(0));
send({ t: 'ready', rss: process.memoryUsage.rss() });
