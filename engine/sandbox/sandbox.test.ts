import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox';
import type { SandboxRunRequest, SandboxRunResult } from './types';

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

function run(code: string, input: unknown = null, extra: Partial<SandboxRunRequest> = {}): Promise<SandboxRunResult> {
  return sandbox.run({ code, language: 'ts', input, ...extra });
}

async function output(code: string, input: unknown = null, extra: Partial<SandboxRunRequest> = {}): Promise<unknown> {
  const r = await run(code, input, extra);
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.output;
}

describe('module forms', () => {
  it.each([
    ['export function run', 'export function run(input) { return input.n + 1; }'],
    ['export default function', 'export default function (input) { return input.n + 1; }'],
    ['export default arrow', 'export default (input: { n: number }) => input.n + 1;'],
    ['export const run arrow', 'export const run = (input: { n: number }): number => input.n + 1;'],
    ['module.exports = fn', 'module.exports = function (input) { return input.n + 1; };'],
    ['module.exports = { run }', 'module.exports = { run: (input) => input.n + 1 };'],
    ['exports.run', 'exports.run = (input) => input.n + 1;'],
    ['a plain function run', 'function run(input) { return input.n + 1; }'],
  ])('accepts %s', async (_name, code) => {
    expect(await output(code, { n: 41 })).toBe(42);
  });

  it('awaits an async run', async () => {
    expect(await output('export async function run(i: { a: string }) { await null; return i.a.toUpperCase(); }', { a: 'po' })).toBe('PO');
  });

  it('erases TypeScript types and accepts plain JS when the language is js', async () => {
    const ts = 'interface Order { tranId: string; lines: { qty: number }[] }\nexport function run(o: Order): { id: string; total: number } {\n  return { id: o.tranId, total: o.lines.reduce((s, l) => s + l.qty, 0) };\n}';
    expect(await output(ts, { tranId: 'PO1', lines: [{ qty: 2 }, { qty: 3 }] })).toEqual({ id: 'PO1', total: 5 });
    const js = await sandbox.run({ code: 'export const run = (x) => [x, typeof x];', language: 'js', input: 'a' });
    expect(js.ok && js.output).toEqual(['a', 'string']);
  });

  it('refuses code without an exported function before calling it', async () => {
    const none = await run('const x = 1;');
    expect(!none.ok && none.error.code).toBe('code_no_export');
    const notFn = await run('export const run = 5;');
    expect(!notFn.ok && notFn.error.code).toBe('code_not_a_function');
    expect(await sandbox.check('export const x = 1;', 'ts')).toMatchObject({ code: 'code_no_export' });
    expect(await sandbox.check('export default 3;', 'js')).toMatchObject({ code: 'code_not_a_function' });
    expect(await sandbox.check('export function run() {}', 'js')).toBeNull();
  });

  it('refuses code over 1 MB before transpiling it', async () => {
    const big = `export function run() { return 1; }\n// ${'x'.repeat(1024 * 1024)}`;
    const r = await run(big);
    expect(!r.ok && r.error.code).toBe('code_too_large');
  });
});

describe('errors on the user’s own lines', () => {
  it('reports a syntax error with its line and column', async () => {
    const r = await run('export function run(x) {\n  const a = 1;\n  return x +;\n}');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'code_syntax_error', line: 3, column: 13 });
  });

  it('maps a runtime error through the TypeScript transpile to the user’s line', async () => {
    const code = [
      'type Order = { vendor?: { name: string } };',
      '',
      'export function run(order: Order) {',
      '  const label: string = "vendor";',
      '  return order.vendor!.name.toUpperCase();',
      '}',
    ].join('\n');
    const r = await run(code, {});
    expect(!r.ok && r.error.code).toBe('code_runtime_error');
    expect(!r.ok && r.error.message).toMatch(/TypeError: Cannot read properties of undefined/);
    expect(!r.ok && r.error.line).toBe(5);
    expect(!r.ok && r.error.column).toBeGreaterThanOrEqual(10);
  });

  it('maps an error thrown at the top level and one thrown after an await', async () => {
    const top = await run('const a = 1;\nthrow new Error("boom at load");\nexport function run() {}');
    expect(!top.ok && top.error).toMatchObject({ code: 'code_runtime_error', line: 2, message: 'Error: boom at load' });
    const late = await run('export async function run() {\n  await null;\n  await null;\n  throw new RangeError("late");\n}');
    expect(!late.ok && late.error).toMatchObject({ code: 'code_runtime_error', line: 4, message: 'RangeError: late' });
  });

  it('reports a thrown non-Error value', async () => {
    const r = await run('export function run() { throw "plain text"; }');
    expect(!r.ok && r.error).toMatchObject({ code: 'code_runtime_error', message: 'The code threw: plain text' });
  });
});

describe('console and ctx', () => {
  it('captures console lines with their levels, including on failure', async () => {
    const ok = await run('export function run(x) { console.log("n =", x.n, { a: 1 }); console.warn("careful"); console.error(new Error("e1")); return 1; }', { n: 3 });
    expect(ok.console.map((l) => l.level)).toEqual(['log', 'warn', 'error']);
    expect(ok.console[0]?.text).toBe('n = 3 {"a":1}');
    expect(ok.console[2]?.text).toMatch(/^Error: e1/);
    const failed = await run('export function run() { console.info("before"); throw new Error("x"); }');
    expect(failed.ok).toBe(false);
    expect(failed.console).toEqual([{ level: 'info', text: 'before' }]);
  });

  it('bounds console output', async () => {
    const r = await run('export function run() { for (let i = 0; i < 100000; i++) console.log("line " + i, "y".repeat(5000)); return "done"; }');
    expect(r.ok && r.output).toBe('done');
    expect(r.console.length).toBeLessThanOrEqual(502);
    expect(r.console.reduce((n, l) => n + l.text.length, 0)).toBeLessThan(200_000);
    expect(r.console.at(-1)?.text).toMatch(/truncated/);
  });

  it('gives read-only run info without secrets, and ctx.log', async () => {
    const info = { runId: 'run_1', blockId: 'code_1', iteration: null, mode: 'live' as const, installation: { id: 'inst_1', customerName: 'Acme' } };
    const r = await run(
      'export function run(_i, ctx) { ctx.log("hello"); let frozen = false; try { ctx.runId = "x"; } catch { frozen = true; } return { ctx: JSON.parse(JSON.stringify(ctx)), frozen, logIsFn: typeof ctx.log }; }',
      null,
      { info },
    );
    expect(r.ok && r.output).toEqual({
      ctx: { runId: 'run_1', blockId: 'code_1', iteration: null, mode: 'live', installation: { id: 'inst_1', customerName: 'Acme' }, limits: { timeoutMs: 5000, memoryMb: 64 } },
      frozen: true,
      logIsFn: 'function',
    });
    expect(r.console).toEqual([{ level: 'log', text: 'hello' }]);
  });

  it('starts every run in a fresh context', async () => {
    await output('globalThis.leak = "secret"; Object.prototype.polluted = 1; export function run() { return 1; }');
    expect(await output('export function run() { return [typeof globalThis.leak, typeof ({}).polluted]; }')).toEqual(['undefined', 'undefined']);
  });
});

describe('batch mode', () => {
  it('runs the function per record over chunks and keeps the order', async () => {
    const records = Array.from({ length: 1234 }, (_, i) => ({ id: i, name: `PO${i}` }));
    const out = await output('export function run(r: { id: number; name: string }, _ctx: unknown, i: number) { return { n: r.name, i }; }', records, {
      batch: true,
      chunkSize: 100,
    });
    expect(out).toEqual(records.map((r, i) => ({ n: r.name, i })));
  });

  it('reports a missing export even for an empty list', async () => {
    const r = await run('export const notRun = 1;', [], { batch: true });
    expect(!r.ok && r.error.code).toBe('code_no_export');
    expect(await output('export const run = (x) => x;', [], { batch: true })).toEqual([]);
  });

  it('awaits async functions per record', async () => {
    expect(await output('export async function run(r: number) { await null; return r * 10; }', [1, 2, 3], { batch: true, chunkSize: 2 })).toEqual([10, 20, 30]);
    const r = await run('export async function run(r: number) {\n  await null;\n  if (r === 4) throw new Error("four");\n  return r;\n}', [1, 2, 3, 4, 5], { batch: true, chunkSize: 2 });
    expect(!r.ok && r.error).toMatchObject({ line: 3, message: 'Error: four (record 3)' });
  });

  it('reports the failing record’s error and refuses a non-array input', async () => {
    const r = await run('export function run(r) {\n  if (r === 3) throw new Error("bad record " + r);\n  return r;\n}', [1, 2, 3, 4], { batch: true, chunkSize: 2 });
    expect(!r.ok && r.error).toMatchObject({ code: 'code_runtime_error', line: 2, message: 'Error: bad record 3 (record 2)' });
    const notArray = await run('export const run = (r) => r;', { a: 1 }, { batch: true });
    expect(!notArray.ok && notArray.error.code).toBe('code_invalid_input');
  });

  it('stops at a record that is not JSON and stays usable', async () => {
    const records: unknown[] = Array.from({ length: 20 }, (_, i) => ({ i }));
    records[15] = { i: 10n };
    const r = await run('export const run = (r) => r.i;', records, { batch: true, chunkSize: 5 });
    expect(!r.ok && r.error.code).toBe('code_invalid_input');
    expect(await output('export const run = (r: number) => r + 1;', [1, 2], { batch: true })).toEqual([2, 3]);
  });

  it('refuses a batch whose total output is over the limit, checked across chunks', async () => {
    const small = createSandbox({ maxOutputBytes: 10_000 });
    try {
      const r = await small.run({ code: 'export const run = (n) => "z".repeat(900) + n;', language: 'js', input: Array.from({ length: 40 }, (_, i) => i), batch: true, chunkSize: 4 });
      expect(!r.ok && r.error.code).toBe('code_output_too_large');
    } finally {
      small.dispose();
    }
  });
});

describe('input and output', () => {
  it('turns an input that is not JSON into code_invalid_input', async () => {
    const r = await run('export const run = (x) => x;', { big: 10n });
    expect(!r.ok && r.error.code).toBe('code_invalid_input');
  });

  it('returns null for a function that returns nothing, and Dates as ISO text', async () => {
    expect(await output('export function run() {}')).toBeNull();
    expect(await output('export function run() { return { at: new Date(0) }; }')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('refuses output over the configured limit before copying it out', async () => {
    const small = createSandbox({ maxOutputBytes: 1000 });
    try {
      const r = await small.run({ code: 'export const run = () => "x".repeat(5000);', language: 'js', input: null });
      expect(!r.ok && r.error.code).toBe('code_output_too_large');
      const again = await small.run({ code: 'export const run = () => "fine";', language: 'js', input: null });
      expect(again.ok && again.output).toBe('fine');
    } finally {
      small.dispose();
    }
  });
});
