import { checkCode, runCode } from '../../sandbox/methods';
import { sandboxServiceKey } from '../../sandbox/service';
import type { Handlers } from './types';

export const codeHandlers: Handlers<'code.run' | 'code.check'> = {
  'code.run': (ctx, args) => runCode(ctx.services.get(sandboxServiceKey), args),
  'code.check': (ctx, args) => checkCode(ctx.services.get(sandboxServiceKey), args),
};
