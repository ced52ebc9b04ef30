import { isMethodName, methods, type MethodName, type MethodResult } from '../api/contract';
import { PatchbayError, toErrorPayload, type ErrorPayload } from '../errors/patchbay-error';
import { assertJsonDepth } from '../api/safe-json';
import type { EngineContext } from './context';
import { handlerFor } from './handlers';

export type DispatchResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: ErrorPayload };

/**
 * The one entry every host uses: validates the arguments against the method's schema, runs the
 * handler and turns any error into `{ code, message, details }`.
 */
export async function dispatch(ctx: EngineContext, method: string, rawArgs: unknown): Promise<DispatchResult> {
  try {
    return { ok: true, result: await invoke(ctx, method, rawArgs) };
  } catch (e) {
    return { ok: false, error: toErrorPayload(e) };
  }
}

export async function invoke(ctx: EngineContext, method: string, rawArgs: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new PatchbayError('unknown_method', `There is no engine method "${method}".`, { method });
  return call(ctx, method, rawArgs);
}

async function call<M extends MethodName>(ctx: EngineContext, method: M, rawArgs: unknown): Promise<MethodResult<M>> {
  const spec = methods[method];
  // Hosts that hand over values rather than text (in-process callers) get the same limit as the bridge.
  assertJsonDepth(rawArgs, `The arguments of ${method}`);
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    throw new PatchbayError('bad_request', `Invalid arguments for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'} ${i.message}`).join('; ')}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const handler = handlerFor(method);
  return handler(ctx, parsed.data as never);
}
