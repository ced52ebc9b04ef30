import { sandboxServiceKey } from '../../runtime/blocks/custom-code/sandbox-service';
import { CTX_TYPINGS, inputTypings } from '../../sandbox/typings';
import type { Handlers } from './types';

// The code.* methods: the contract's arguments in, the engine's one sandbox called. A failing
// user program is a normal answer (`ok: false` with a code and position), not a method error:
// the inspector shows it inline.

const ANY_INPUT_TYPINGS = `/** Paste a sample input (or run the workflow) to get completion on its fields. */\ntype Input = any;\ndeclare const input: Input;\n${CTX_TYPINGS}`;

export const codeHandlers: Handlers<'code.run' | 'code.check' | 'code.typings'> = {
  'code.typings': (_ctx, { sample, batch }) => ({ declarations: sample === undefined ? ANY_INPUT_TYPINGS : inputTypings(sample, { batch }) }),
  'code.run': async (ctx, args) => {
    const r = await ctx.services.get(sandboxServiceKey).run({
      code: args.code,
      language: args.language,
      input: args.input ?? null,
      timeoutMs: args.timeoutMs,
      memoryMb: args.memoryMb,
      batch: args.batch,
    });
    return { ok: r.ok, output: r.ok ? r.output : null, console: [...r.console], error: r.ok ? null : { ...r.error }, timings: r.timings };
  },
  // Errors the editor marks before anything runs.
  'code.check': async (ctx, { code, language }) => {
    const error = await ctx.services.get(sandboxServiceKey).check(code, language);
    return { error: error ? { ...error } : null };
  },
};
