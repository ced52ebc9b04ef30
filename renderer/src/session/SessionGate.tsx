import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createHttpTransport } from '../client/http';
import { ClientProvider } from '../client/context';
import { currentSession, signOut, type SessionState } from './api';
import { SessionContext, type Session } from './context';
import { SignInPage } from './SignInPage';

/**
 * A page opened without a session token: Patchbay as a server. Asks the bridge whether this
 * browser is signed in; if not, shows the sign-in page. A session that ends meanwhile (expired,
 * key revoked) brings the sign-in page back on the next call.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState | null>(null);
  useEffect(() => {
    void currentSession().then(setState);
  }, []);
  const signedIn = state?.kind === 'signed-in' ? state.who : null;
  const client = useMemo(() => (signedIn ? createHttpTransport(null, '', { onAuthRequired: () => setState({ kind: 'sign-in' }) }) : null), [signedIn]);
  const session = useMemo<Session | null>(() => signedIn && {
    who: signedIn,
    signOut: () => void signOut().finally(() => setState({ kind: 'sign-in' })),
  }, [signedIn]);

  if (!state) return <div className="page-message">Loading…</div>;
  if (state.kind === 'unavailable') return <div className="page-message" role="alert">{state.message}</div>;
  if (state.kind === 'sign-in' || !client || !session) return <SignInPage onSignedIn={(who) => setState({ kind: 'signed-in', who })} />;
  return (
    <SessionContext.Provider value={session}>
      <ClientProvider client={client}>{children}</ClientProvider>
    </SessionContext.Provider>
  );
}
