import type { z } from 'zod';
import type { codeMethods, CodeRunResult } from '../api/methods/code';
import type { Sandbox } from './types';

type Args<M extends keyof typeof codeMethods> = z.output<(typeof codeMethods)[M]['args']>;

/**
 * `code.run`: the implementation the host's handler calls with the engine's sandbox. A failing
 * user program is a normal answer (`ok: false` with a code and position), not a method error:
 * the inspector shows it inline.
 */
export async function runCode(sandbox: Sandbox, args: Args<'code.run'>): Promise<CodeRunResult> {
  const r = await sandbox.run({
    code: args.code,
    language: args.language,
    input: args.input ?? null,
    timeoutMs: args.timeoutMs,
    memoryMb: args.memoryMb,
    batch: args.batch,
  });
  return {
    ok: r.ok,
    output: r.ok ? r.output : null,
    console: [...r.console],
    error: r.ok ? null : { ...r.error },
    timings: r.timings,
  };
}

/** `code.check`: errors the editor marks before anything runs. */
export async function checkCode(sandbox: Sandbox, args: Args<'code.check'>): Promise<{ error: CodeRunResult['error'] }> {
  const error = await sandbox.check(args.code, args.language);
  return { error: error ? { ...error } : null };
}
