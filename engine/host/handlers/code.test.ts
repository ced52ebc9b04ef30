import { describe, expect, it } from 'vitest';
import { codeMethods } from '../../api/methods/code';
import { CODE_LIMITS } from '../../shared/code-limits';
import { MAX_CODE_BYTES, MAX_MEMORY_MB, MAX_TIMEOUT_MS, MIN_MEMORY_MB, MIN_TIMEOUT_MS } from '../../sandbox/limits';
import { withEngine } from '../../testing/temp-engine';

// code.run and code.check over the contract, each answer matching its result schema.

describe('code.run and code.check', () => {
  it('answers "Run with sample" with output, console, error and timings that match the contract', () => withEngine(async (engine) => {
    const ok = await engine.call('code.run', codeMethods['code.run'].args.parse({ code: 'export function run(i: { n: number }) { console.log("n", i.n); return i.n * 2; }', input: { n: 21 } }));
    expect(codeMethods['code.run'].result.parse(ok)).toMatchObject({ ok: true, output: 42, console: [{ level: 'log', text: 'n 21' }], error: null });
    const failed = await engine.call('code.run', codeMethods['code.run'].args.parse({ code: 'export function run() {\n  return missing;\n}' }));
    expect(codeMethods['code.run'].result.parse(failed)).toMatchObject({ ok: false, output: null, error: { code: 'code_runtime_error', line: 2 } });
    const batch = await engine.call('code.run', codeMethods['code.run'].args.parse({ code: 'export function run(r: { n: number }, _ctx: unknown, i: number) { return r.n + i; }', input: [{ n: 1 }, { n: 1 }], batch: true }));
    expect(batch).toMatchObject({ ok: true, output: [1, 2] });
  }));

  it('refuses limits outside the caps at the boundary', () => {
    expect(codeMethods['code.run'].args.safeParse({ code: 'x', timeoutMs: 120_000 }).success).toBe(false);
    expect(codeMethods['code.run'].args.safeParse({ code: 'x', memoryMb: 1024 }).success).toBe(false);
  });

  it('reports export problems for the editor without running', () => withEngine(async (engine) => {
    const r = await engine.call('code.check', codeMethods['code.check'].args.parse({ code: 'export const total = 1;' }));
    expect(codeMethods['code.check'].result.parse(r).error).toMatchObject({ code: 'code_no_export' });
  }));

  it('states the same limits as the sandbox', () => {
    expect(CODE_LIMITS).toEqual({ maxCodeBytes: MAX_CODE_BYTES, minTimeoutMs: MIN_TIMEOUT_MS, maxTimeoutMs: MAX_TIMEOUT_MS, minMemoryMb: MIN_MEMORY_MB, maxMemoryMb: MAX_MEMORY_MB });
  });
});
