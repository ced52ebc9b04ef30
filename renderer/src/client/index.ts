import { createHttpTransport } from './http';
import { createPreloadTransport } from './preload';
import { takeSessionToken } from './token';
import type { Transport } from './types';

export type { Transport } from './types';
export { EngineCallError, errorCode, errorMessage, toEngineCallError } from './errors';

/** The preload bridge when running inside Electron, HTTP+SSE to the bridge otherwise. */
export function createClient(): Transport {
  if (window.patchbay) return createPreloadTransport(window.patchbay);
  const token = takeSessionToken();
  if (!token) {
    throw new Error('This page needs a session token: open the address printed by `patchbay serve` (it ends in ?token=…).');
  }
  return createHttpTransport(token);
}
