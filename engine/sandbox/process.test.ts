import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox';
import type { Sandbox } from './types';

// Custom Code runs in sandbox processes (child/main.ts) the engine starts, watches and replaces.
// What a user notices: a program that breaks its process gets its own clear code, other runs
// carry on, and the next run works.

const sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const s of sandboxes.splice(0)) s.dispose();
});
function fresh(): Sandbox {
  const s = createSandbox();
  sandboxes.push(s);
  return s;
}

const double = 'export function run(i) { return i * 2; }';

/** Sandbox processes this test process started (Linux: read from /proc). */
function sandboxPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('child/main.ts')) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sandbox processes', () => {
  it('stops a rope flattened past the limit with code_memory_limit, and the next program runs', async () => {
    const sandbox = fresh();
    const r = await sandbox.run({ code: 'export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; return s.charCodeAt(s.length - 1); }', language: 'js', input: null, memoryMb: 32 });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'code_memory_limit', message: expect.stringMatching(/32 MB/) });
    const next = await sandbox.run({ code: double, language: 'js', input: 21 });
    expect(next.ok && next.output).toBe(42);
  });

  it.skipIf(process.platform !== 'linux')('fails only the run whose process died, with code_sandbox_crashed, and replaces the process', async () => {
    // Processes of earlier tests may still be on their way out; only this test's own count.
    const earlier = new Set(sandboxPids());
    const ours = () => sandboxPids().filter((pid) => !earlier.has(pid));
    const sandbox = fresh();
    // A first run leaves one idle process; the doomed run is then lent that one.
    expect((await sandbox.run({ code: double, language: 'js', input: 1 })).ok).toBe(true);
    const [victim] = ours();
    expect(victim).toBeDefined();
    const doomed = sandbox.run({ code: 'export function run() { for (;;) {} }', language: 'js', input: null, timeoutMs: 30_000 });
    // A second run gets a process of its own and must not notice the first one's end.
    const other = sandbox.run({ code: 'export function run(i) { const end = Date.now() + 300; while (Date.now() < end) {} return i * 2; }', language: 'js', input: 21 });
    await until(() => (ours().length === 2 ? true : undefined));
    process.kill(victim as number, 'SIGKILL');
    const r = await doomed;
    expect(r.ok ? null : r.error).toMatchObject({ code: 'code_sandbox_crashed', message: expect.stringMatching(/run it again/) });
    const o = await other;
    expect(o.ok && o.output).toBe(42);
    const next = await sandbox.run({ code: double, language: 'js', input: 5 });
    expect(next.ok && next.output).toBe(10);
    expect(sandboxPids()).not.toContain(victim);
  });

  it('keeps answering other runs while one program is runaway', async () => {
    const sandbox = fresh();
    const runaway = sandbox.run({ code: 'export function run() { for (;;) {} }', language: 'js', input: null, timeoutMs: 3_000 });
    const quick = await sandbox.run({ code: double, language: 'js', input: 4 });
    expect(quick.ok && quick.output).toBe(8);
    const r = await runaway;
    expect(r.ok ? null : r.error.code).toBe('code_timeout');
  });

  it('works when the engine itself runs inside a worker thread', async () => {
    const sandboxModule = new URL('./sandbox.ts', import.meta.url).href;
    const tsx = new URL('../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href;
    // Node does not pass loader hooks to workers; the worker registers tsx itself, as a host would.
    const source = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(sandboxModule)}); }).then(async ({ createSandbox }) => {
        const s = createSandbox();
        const r = await s.run({ code: ${JSON.stringify(double)}, language: 'js', input: 21 });
        s.dispose();
        parentPort.postMessage(r.ok ? { output: r.output } : { error: r.error.code });
      });`;
    const worker = new Worker(source, { eval: true });
    try {
      const answer = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(answer).toEqual({ output: 42 });
    } finally {
      await worker.terminate();
    }
  });
});
