import type { EngineEventListener, MethodArgs, MethodName, MethodResult } from '../../../engine/api';

/** How the UI talks to the engine, whichever transport carries it. */
export interface Transport {
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  subscribe(listener: EngineEventListener): () => void;
}
