// The bridge's sign-in routes (`--auth api-keys`). The session lives in an HttpOnly cookie the
// bridge sets, so this page never holds the password or key after sending it, and EventSource (which cannot
// send headers) carries the cookie like any same-origin request.

import type { MethodName } from '../../../engine/api/contract';
import type { Role } from '../../../engine/shared/roles';

/** Who is signed in (GET /api/session): a user, or an API key shown by its prefix, with the methods their role allows. */
export interface SignedIn {
  readonly kind: 'user' | 'apiKey';
  readonly name: string;
  readonly role: Role;
  readonly prefix?: string;
  readonly methods: readonly MethodName[];
}

export type Credentials = { readonly name: string; readonly password: string } | { readonly key: string };

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

export async function signIn(credentials: Credentials): Promise<SignedIn> {
  const res = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (!res.ok) {
    const error = await errorOf(res);
    throw new SignInError(error.code, error.message);
  }
  return (await res.json()) as SignedIn;
}

export async function signOut(): Promise<void> {
  await fetch('/api/session', { method: 'DELETE' });
}
