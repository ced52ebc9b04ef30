import { createContext, useContext } from 'react';
import type { SignedIn } from './api';

export interface Session {
  readonly who: SignedIn;
  signOut(): void;
}

/** Present only when the user signed in with an API key (Patchbay as a server); null in browser mode. */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session | null {
  return useContext(SessionContext);
}
