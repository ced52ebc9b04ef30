import { createContext, useContext } from 'react';
import type { MethodName } from '../../../engine/api/contract';
import type { SignedIn } from './api';

export interface Session {
  readonly who: SignedIn;
  signOut(): void;
}

/** Present only when someone signed in (Patchbay as a server); null in browser mode. */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session | null {
  return useContext(SessionContext);
}

/**
 * Whether the signed-in role may call a method, to hide what it cannot do (the server refuses it
 * anyway, with forbidden_for_role). In browser mode, the data folder's owner may do everything.
 */
export function useCan(): (method: MethodName) => boolean {
  const session = useSession();
  return (method) => !session || session.who.methods.includes(method);
}
