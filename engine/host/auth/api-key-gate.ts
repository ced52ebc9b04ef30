import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { z } from 'zod';
import { methodsFor } from '../../api/contract';
import { errorCodes } from '../../errors/patchbay-error';
import type { Role } from '../../shared/roles';
import { readBody, sendError, sendJson } from '../bridge-http';
import type { ApiKeys } from './api-keys';
import { FailureLimiter } from './failure-limiter';
import { bearer, type Gate, type Refusal } from './gate';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './session-cookie';
import type { Users } from './users';

// `--auth api-keys`: programs send `Authorization: Bearer <key>`; browsers sign in once on
// /api/session with a user's name and password, or with a key, and then send the session cookie
// (EventSource cannot send headers). A presented key, password or session token is never echoed.

const signInSchema = z.union([
  z.object({ name: z.string().trim().min(1).max(100), password: z.string().min(1).max(4096) }),
  z.object({ key: z.string().trim().min(1).max(200) }),
]);
const SIGN_IN_BODY_BYTES = 16_384;
const SIGN_IN_HOW = 'Sign in by sending {"name": "<user>", "password": "<password>"} or {"key": "<API key>"} as JSON.';

/** Who sent a request: a user, or an API key (shown by its public prefix). */
export type Principal =
  | { readonly kind: 'user'; readonly id: string; readonly name: string; readonly role: Role }
  | { readonly kind: 'apiKey'; readonly id: string; readonly name: string; readonly role: Role; readonly prefix: string };

const authRequired: Refusal = { error: { code: 'auth_required', message: errorCodes.auth_required } };

function refusal(code: 'api_key_invalid' | 'api_key_revoked' | 'sign_in_failed'): Refusal {
  return { error: { code, message: errorCodes[code] } };
}

/**
 * The address failures count against. Behind a reverse proxy on this machine every request comes
 * from loopback, so the proxy's X-Forwarded-For (its last entry, the one the proxy itself added)
 * names the client; a client elsewhere cannot connect from loopback to forge it.
 */
function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
  return loopback && last && isIP(last) ? last : peer;
}

/** What GET /api/session answers: who is signed in, their role, and the methods it allows (the UI hides the rest). */
function signedIn(who: Principal): Record<string, unknown> {
  const { id: _id, ...shown } = who;
  return { ...shown, methods: methodsFor(who.role) };
}

export function apiKeyGate(apiKeys: ApiKeys, users: Users, options: { readonly secureCookie: boolean }): Gate {
  const limiter = new FailureLimiter();

  /** Runs a credential check for the request's address, counting failures and refusing locked-out addresses. */
  const limited = async (req: IncomingMessage, check: () => Promise<Principal | Refusal>): Promise<{ who: Principal } | Refusal> => {
    const address = clientAddress(req);
    const wait = limiter.retryAfter(address);
    if (wait > 0) {
      return { error: { code: 'auth_rate_limited', message: `Too many failed sign-ins from this address; try again in ${wait} s.`, details: { retryAfterSeconds: wait } }, headers: { 'retry-after': String(wait) } };
    }
    const checked = await check();
    if ('error' in checked) {
      limiter.failed(address);
      return checked;
    }
    limiter.succeeded(address);
    return { who: checked };
  };

  const checkKey = (req: IncomingMessage, key: string) => limited(req, async () => {
    const verdict = await apiKeys.verify(key);
    return verdict.ok ? { kind: 'apiKey', id: verdict.key.id, name: verdict.key.name, role: verdict.key.role, prefix: verdict.key.prefix } : refusal(verdict.code);
  });

  // One answer for an unknown name and a wrong password, so it does not tell which was wrong.
  const checkPassword = (req: IncomingMessage, name: string, password: string) => limited(req, async () => {
    const user = await users.verify(name, password);
    return user ? { kind: 'user', id: user.id, name: user.name, role: user.role } : refusal('sign_in_failed');
  });

  /** Who is behind the request's bearer header or session cookie. */
  const identify = async (req: IncomingMessage): Promise<{ who: Principal } | Refusal> => {
    const presented = bearer(req);
    if (presented !== undefined) return checkKey(req, presented);
    const session = sessionCookie(req);
    if (session) {
      const key = await apiKeys.sessionKey(session);
      if (key) return { who: { kind: 'apiKey', id: key.id, name: key.name, role: key.role, prefix: key.prefix } };
      const user = await users.sessionUser(session);
      if (user) return { who: { kind: 'user', id: user.id, name: user.name, role: user.role } };
    }
    // An expired or revoked session's cookie is cleared, so the browser stops sending it.
    return session ? { ...authRequired, headers: { 'set-cookie': clearSessionCookie(options.secureCookie) } } : authRequired;
  };

  const signIn = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, SIGN_IN_BODY_BYTES));
    } catch {
      // Too large or not JSON; what was left unread of a large body is not worth keeping the connection for.
      res.setHeader('connection', 'close');
      return sendError(res, { code: 'bad_request', message: SIGN_IN_HOW });
    }
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) return sendError(res, { code: 'bad_request', message: SIGN_IN_HOW });
    const credentials = parsed.data;
    const checked = 'key' in credentials ? await checkKey(req, credentials.key) : await checkPassword(req, credentials.name, credentials.password);
    if (!('who' in checked)) return sendError(res, checked.error, checked.headers);
    const { who } = checked;
    const token = who.kind === 'user' ? await users.startSession(who) : await apiKeys.startSession(who);
    sendJson(res, 200, signedIn(who), { 'set-cookie': setSessionCookie(token, options.secureCookie) });
  };

  return {
    async admit(req) {
      const checked = await identify(req);
      return 'who' in checked ? { actor: checked.who.name, role: checked.who.role } : { refused: checked };
    },
    async route(req, res, url) {
      if (url.pathname !== '/api/session') return false;
      if (req.method === 'POST') {
        await signIn(req, res);
      } else if (req.method === 'GET') {
        const checked = await identify(req);
        if ('who' in checked) sendJson(res, 200, signedIn(checked.who));
        else sendError(res, checked.error, checked.headers);
      } else if (req.method === 'DELETE') {
        const session = sessionCookie(req);
        if (session) await Promise.all([apiKeys.endSession(session), users.endSession(session)]);
        sendJson(res, 200, { signedOut: true }, { 'set-cookie': clearSessionCookie(options.secureCookie) });
      } else {
        sendError(res, { code: 'bad_request', message: 'Sign in with POST /api/session, check with GET, sign out with DELETE.' });
      }
      return true;
    },
  };
}
