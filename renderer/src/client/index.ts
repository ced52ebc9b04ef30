import { createHttpTransport } from './http';
import { takeSessionToken } from './token';
import type { Transport } from './types';

export type { Transport } from './types';
export { EngineCallError, errorCode, errorMessage, toEngineCallError } from './errors';
export { acceptToFilters, desktopApi, type DesktopApi } from './desktop';

/**
 * HTTP+SSE to the engine's loopback bridge, in browser mode and in the desktop app alike (the
 * desktop window loads the bridge's address, token included).
 */
export function createClient(): Transport {
  const token = takeSessionToken();
  if (!token) {
    throw new Error('This page needs a session token: open the address printed by `patchbay serve` (it ends in ?token=…).');
  }
  return createHttpTransport(token);
}
