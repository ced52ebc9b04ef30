import { checkCode, runCode } from '../../sandbox/methods';
import { sandboxServiceKey } from '../../runtime/blocks/custom-code/sandbox-service';
import { CTX_TYPINGS, inputTypings } from '../../sandbox/typings';

const ANY_INPUT_TYPINGS = `/** Paste a sample input (or run the workflow) to get completion on its fields. */\ntype Input = any;\ndeclare const input: Input;\n${CTX_TYPINGS}`;
import type { Handlers } from './types';

export const codeHandlers: Handlers<'code.run' | 'code.check' | 'code.typings'> = {
  'code.typings': (_ctx, { sample, batch }) => ({ declarations: sample === undefined ? ANY_INPUT_TYPINGS : inputTypings(sample, { batch }) }),
  'code.run': (ctx, args) => runCode(ctx.services.get(sandboxServiceKey), args),
  'code.check': (ctx, args) => checkCode(ctx.services.get(sandboxServiceKey), args),
};
