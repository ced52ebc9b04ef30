import type { MethodArgs, MethodName, MethodResult } from '../../../engine/api';
import { toEngineCallError } from './errors';
import type { PreloadApi, PreloadMethods, Transport } from './types';

/** Desktop app: the preload exposes one function per contract method on `window.patchbay`. */
export function createPreloadTransport(api: PreloadApi): Transport {
  return {
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      const table: PreloadMethods = api;
      try {
        return await table[method](args);
      } catch (e) {
        throw toEngineCallError(e);
      }
    },
    subscribe(listener) {
      return api.onEvent(listener);
    },
  };
}
