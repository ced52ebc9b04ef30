import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorPayload } from '../../errors/patchbay-error';
import type { Role } from '../../shared/roles';

/** Why a request is refused, with headers the answer needs (Retry-After, a cleared cookie). */
export interface Refusal {
  readonly error: ErrorPayload;
  readonly headers?: Record<string, string | string[]>;
}

/**
 * A request let through, with who sent it: a user's or an API key's name, or null where the gate
 * cannot tell people apart (the desktop's one session token: the OS user acts), and their role.
 */
export interface Admitted {
  readonly actor: string | null;
  readonly role: Role;
}

/** What the bridge asks before it carries an API request to the engine. */
export interface Gate {
  /** Who sent the request when it may go on; otherwise why it is refused. */
  admit(req: IncomingMessage, url: URL): Promise<Admitted | { readonly refused: Refusal }>;
  /** Answers the gate's own routes (signing in and out); false when the path is not one of them. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode and the desktop app: the per-session token the bridge printed, as a bearer header
 * or (for EventSource, which cannot send headers) in the query string. Whoever holds it owns the
 * data folder, so it may do everything.
 */
export function tokenGate(token: string): Gate {
  return {
    admit: (req, url) => Promise.resolve(sameToken(bearer(req) ?? url.searchParams.get('token'), token) ? { actor: null, role: 'admin' as const } : {
      refused: { error: { code: 'unauthorized', message: 'Open Patchbay with the address printed by `patchbay serve` (it carries the session token).' } },
    }),
    route: () => Promise.resolve(false),
  };
}
