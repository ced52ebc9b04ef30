// The bridge's sign-in routes (`--auth api-keys`). The session lives in an HttpOnly cookie the
// bridge sets, so this page never holds the key after sending it, and EventSource (which cannot
// send headers) carries the cookie like any same-origin request.

export interface SignedIn {
  readonly name: string;
  readonly prefix: string;
}

export type SessionState =
  | { readonly kind: 'signed-in'; readonly who: SignedIn }
  | { readonly kind: 'sign-in' }
  /** This bridge does not sign in with keys (browser mode needs its token address), or is unreachable. */
  | { readonly kind: 'unavailable'; readonly message: string };

export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown };
    return { code: typeof body.code === 'string' ? body.code : 'internal', message: typeof body.message === 'string' ? body.message : `Patchbay answered HTTP ${res.status}.` };
  } catch {
    return { code: 'internal', message: `Patchbay answered HTTP ${res.status}.` };
  }
}

const NO_TOKEN = 'This page needs a session token: open the address printed by `patchbay serve` (it ends in ?token=…).';

export async function currentSession(): Promise<SessionState> {
  let res: Response;
  try {
    res = await fetch('/api/session');
  } catch {
    return { kind: 'unavailable', message: 'Patchbay could not be reached. Is it still running?' };
  }
  if (res.ok) return { kind: 'signed-in', who: (await res.json()) as SignedIn };
  const error = await errorOf(res);
  return error.code === 'auth_required' ? { kind: 'sign-in' } : { kind: 'unavailable', message: NO_TOKEN };
}

export async function signIn(key: string): Promise<SignedIn> {
  const res = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  if (!res.ok) {
    const error = await errorOf(res);
    throw new SignInError(error.code, error.message);
  }
  return (await res.json()) as SignedIn;
}

export async function signOut(): Promise<void> {
  await fetch('/api/session', { method: 'DELETE' });
}
