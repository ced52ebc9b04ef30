import type { EngineEventListener, MethodArgs, MethodName, MethodResult } from '../../../engine/api';

/** One async function per contract method, as the Electron preload exposes them. */
export type PreloadMethods = { readonly [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>> };

export type PreloadApi = PreloadMethods & {
  onEvent(listener: EngineEventListener): () => void;
};

declare global {
  interface Window {
    patchbay?: PreloadApi;
  }
}

/** How the UI talks to the engine, whichever transport carries it. */
export interface Transport {
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  subscribe(listener: EngineEventListener): () => void;
}
