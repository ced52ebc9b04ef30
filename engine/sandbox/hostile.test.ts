import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox';
import type { SandboxRunResult } from './types';

// Each hostile program must end with its own code and leave the sandbox able to run normal code
// right after. Short limits keep the suite quick; they change nothing about what is contained.
const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

function hostile(code: string, limits: { timeoutMs?: number; memoryMb?: number } = {}): Promise<SandboxRunResult> {
  return sandbox.run({ code, language: 'js', input: { n: 1 }, timeoutMs: limits.timeoutMs ?? 400, memoryMb: limits.memoryMb ?? 32 });
}

async function expectHealthy(): Promise<void> {
  const r = await sandbox.run({ code: 'export function run(i) { return { ok: i.n + 1 }; }', language: 'js', input: { n: 1 } });
  expect(r.ok && r.output).toEqual({ ok: 2 });
}

function errorCode(r: SandboxRunResult): string | null {
  return r.ok ? null : r.error.code;
}

describe('hostile code is contained', () => {
  it.each([
    ['while(true){}', 'export function run() { while (true) {} }'],
    ['an endless loop inside a promise chain', 'export function run() { return Promise.resolve().then(() => { for (;;) {} }); }'],
    ['a promise that never settles', 'export function run() { return new Promise(() => {}); }'],
    ['a busy loop after an await', 'export async function run() { await null; while (true) {} }'],
  ])('stops %s with code_timeout', async (_name, code) => {
    expect(errorCode(await hostile(code))).toBe('code_timeout');
    await expectHealthy();
  });

  it('stops an endless chain of promises with code_timeout, or code_memory_limit when the chain outgrows the heap first', async () => {
    // On a loaded machine the chain can allocate past 32 MB before the deadline is checked;
    // either way it is contained with its code and the engine stays healthy.
    const r = await hostile('export function run() { const spin = () => Promise.resolve().then(spin); return spin(); }');
    expect(['code_timeout', 'code_memory_limit']).toContain(errorCode(r));
    await expectHealthy();
  });

  it.each([
    ['unbounded array growth', 'export function run() { const a = []; for (;;) a.push({ i: a.length, s: "x" + a.length }); }'],
    ['unbounded string growth', 'export function run() { const parts = []; for (;;) parts.push("y".repeat(1 << 20) + parts.length); }'],
  ])('stops %s with code_memory_limit', async (_name, code) => {
    expect(errorCode(await hostile(code, { timeoutMs: 20_000 }))).toBe('code_memory_limit');
    await expectHealthy();
  });

  it('does not analyse a huge generated run function on the host (batch mode still works)', async () => {
    const code = 'const body = "return [" + "x.a,".repeat(500000) + "].length;"; export const run = new Function("x", body);';
    const r = await sandbox.run({ code, language: 'js', input: [{ a: 1 }, { a: 2 }], batch: true, timeoutMs: 10_000, memoryMb: 128 });
    expect(r.ok && r.output).toEqual([500000, 500000]);
    await expectHealthy();
  });

  it('refuses 200 MB of output without copying it to the host', async () => {
    const r = await hostile('export function run() { const a = []; for (let i = 0; i < 200; i++) a.push("z".repeat(1 << 20) + i); return a; }', {
      timeoutMs: 20_000,
      memoryMb: 256,
    });
    // Either code means the text never crossed: the size is checked inside, before the copy.
    expect(['code_output_too_large', 'code_memory_limit']).toContain(errorCode(r));
    await expectHealthy();
  });

  it('turns deep recursion into a runtime error on the user’s line', async () => {
    const r = await hostile('export function run() {\n  const down = (n) => down(n + 1) + 1;\n  return down(0);\n}');
    expect(r.ok ? null : r.error).toMatchObject({ code: 'code_runtime_error', line: 2, message: expect.stringMatching(/call stack/) });
    await expectHealthy();
  });

  it.each([
    ['process', 'export function run() { return process.env; }'],
    ['require', 'export function run() { return require("fs").readFileSync("/etc/passwd", "utf8"); }'],
    ['an import statement', 'import { readFileSync } from "node:fs";\nexport function run() { return readFileSync("/etc/passwd", "utf8"); }'],
    ['import()', 'export async function run() { const fs = await import("node:fs"); return fs.readFileSync("/etc/passwd", "utf8"); }'],
    ['the constructor escape', 'export function run() { return globalThis.constructor.constructor("return process")().env; }'],
    ['Function', 'export function run() { return Function("return this.process.mainModule")(); }'],
    ['eval', 'export function run() { return eval("process.binding(\'fs\')"); }'],
    ['host timers', 'export function run() { return new Promise((r) => setTimeout(r, 1)); }'],
    ['fetch', 'export async function run() { return (await fetch("http://127.0.0.1:1/")).status; }'],
  ])('finds nothing of the host through %s', async (_name, code) => {
    const r = await hostile(code);
    expect(errorCode(r)).toBe('code_runtime_error');
    expect(r.ok ? '' : r.error.message).toMatch(/not defined|not available|Not supported|Cannot read properties of undefined/);
    await expectHealthy();
  });

  it.each([
    ['WebAssembly by name', 'export function run() { return typeof WebAssembly.Memory; }'],
    ['WebAssembly through the global object', 'export function run() { return typeof Function("return this")().WebAssembly; }'],
  ])('leaves no way to %s, whose memory the limit cannot see', async (_name, code) => {
    const r = await hostile(code);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'code_runtime_error', message: expect.stringMatching(/WebAssembly is not available/) });
    await expectHealthy();
  });

  it('makes only fixed-length buffers, however the constructor is reached', async () => {
    const r = await hostile(`export function run() {
      const big = { maxByteLength: 1 << 30 };
      const AB = Object.getPrototypeOf(new Uint8Array(1).buffer).constructor;
      const SAB = new Int8Array(new SharedArrayBuffer(1)).buffer.constructor;
      class Sub extends ArrayBuffer {}
      const made = [new ArrayBuffer(8, big), new AB(8, big), Reflect.construct(AB, [8, big]), new Sub(8, big), new SharedArrayBuffer(8, big), new SAB(8, big), new ArrayBuffer(8).slice(0, 4)];
      return { resizable: made.map((b) => b.resizable === true || b.growable === true), sub: made[3] instanceof Sub, name: AB.name, isView: ArrayBuffer.isView(new Uint8Array(1)) };
    }`);
    expect(r.ok && r.output).toEqual({ resizable: [false, false, false, false, false, false, false], sub: true, name: 'ArrayBuffer', isView: true });
  });

  it('refuses a returned rope longer than the memory limit before it is copied, with code_memory_limit', async () => {
    const r = await hostile('export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; return [{ s }]; }');
    expect(r.ok ? null : r.error).toMatchObject({ code: 'code_memory_limit', message: expect.stringMatching(/32 MB/) });
    await expectHealthy();
  });

  it('describes, rather than copies, a huge string logged or thrown', async () => {
    const logged = await hostile('export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; console.log("big", s, { s }); return 1; }');
    expect(logged.ok).toBe(true);
    expect(logged.console[0]?.text).toBe('big [a string of 268435456 characters, too long to show] [Object too large to show]');
    const thrown = await hostile('export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; throw new Error(s); }');
    expect(thrown.ok ? null : thrown.error).toMatchObject({ code: 'code_runtime_error', message: expect.stringMatching(/268435456 characters long/) });
    await expectHealthy();
  });

  it('sees no host object on the global object', async () => {
    const r = await hostile(
      'export function run() { return Object.getOwnPropertyNames(globalThis).filter((k) => /^(_?ivm|__pb.*|process|require|module|exports|Buffer|setTimeout|setInterval|setImmediate|fetch|XMLHttpRequest)$/.test(k)); }',
    );
    expect(r.ok && r.output).toEqual([]);
  });

  it('returns __proto__ and constructor keys as plain data, polluting no host prototype', async () => {
    const r = await hostile(
      'export function run() { const o = JSON.parse(\'{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}\'); Object.prototype.pollutedInside = 1; return [o, o]; }',
    );
    expect(r.ok).toBe(true);
    const out = r.ok ? r.output : null;
    expect(Array.isArray(out)).toBe(true);
    const first: unknown = Array.isArray(out) ? out[0] : null;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(first)).toEqual(['__proto__', 'constructor']);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.pollutedInside).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    await expectHealthy();
  });

  it.each([
    ['a function', 'export function run() { return { total: 1, compute() { return 2; } }; }', /function at output\.compute/],
    ['a symbol value', 'export function run() { return { id: Symbol("po") }; }', /symbol at output\.id/],
    ['a symbol key', 'export function run() { return { [Symbol("k")]: 1 }; }', /symbol-keyed/],
    ['a cycle', 'export function run() { const po = { lines: [] }; po.lines.push({ po }); return po; }', /cycle/],
    ['a Map', 'export function run() { return { m: new Map([[1, 2]]) }; }', /kind Map/],
    ['a BigInt', 'export function run() { return [1n]; }', /BigInt/],
  ])('refuses output with %s as code_invalid_output', async (_name, code, message) => {
    const r = await hostile(code);
    expect(errorCode(r)).toBe('code_invalid_output');
    expect(r.ok ? '' : r.error.message).toMatch(message);
    await expectHealthy();
  });

  it('copies a getter’s value out, never the getter', async () => {
    const r = await hostile('let calls = 0; export function run() { return { get total() { calls++; return 42; } }; }');
    expect(r.ok).toBe(true);
    const out = r.ok ? r.output : null;
    const desc = typeof out === 'object' && out !== null ? Object.getOwnPropertyDescriptor(out, 'total') : undefined;
    expect(desc?.get).toBeUndefined();
    expect(desc?.value).toBe(42);
  });

  it('cannot forge a sandbox error code by throwing a look-alike', async () => {
    const r = await hostile('export function run() { throw { __pbFailure: true, code: "code_timeout", message: "fake" }; }');
    expect(errorCode(r)).toBe('code_runtime_error');
  });

  it('keeps the host heap bounded over 50 runs in a row', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const code =
      'export function run(input) { console.log("run", input.i); const rows = []; for (let i = 0; i < 2000; i++) rows.push({ i, s: "r".repeat(200) }); if (input.i % 10 === 9) throw new Error("every tenth fails"); return rows; }';
    const measure = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 5; i++) await sandbox.run({ code, language: 'js', input: { i } });
    const before = measure();
    let failures = 0;
    for (let i = 0; i < 50; i++) {
      const r = await sandbox.run({ code, language: 'js', input: { i } });
      if (!r.ok) failures++;
    }
    const grown = measure() - before;
    expect(failures).toBe(5);
    // Each run moved ~0.5 MB of output; 50 of them kept would be ~25 MB.
    expect(grown).toBeLessThan(10 * 1024 * 1024);
    expect(sandbox.stats().live).toBeLessThanOrEqual(4);
  });
});
