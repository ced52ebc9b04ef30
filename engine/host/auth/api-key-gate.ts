import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { z } from 'zod';
import { errorCodes } from '../../errors/patchbay-error';
import type { ApiKeyRow } from '../../storage/api-keys-store';
import { readBody, sendError, sendJson } from '../bridge-http';
import type { ApiKeys } from './api-keys';
import { FailureLimiter } from './failure-limiter';
import { bearer, type Gate, type Refusal } from './gate';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './session-cookie';

// `--auth api-keys`: programs send `Authorization: Bearer <key>`; browsers sign in once on
// /api/session with a key and then send the session cookie (EventSource cannot send headers).
// A presented key or session token is never echoed in an answer.

const signInSchema = z.object({ key: z.string().trim().min(1).max(200) });
const SIGN_IN_BODY_BYTES = 4096;

const authRequired: Refusal = { error: { code: 'auth_required', message: errorCodes.auth_required } };

function refusal(code: 'api_key_invalid' | 'api_key_revoked'): Refusal {
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

function signedIn(key: ApiKeyRow): { name: string; prefix: string } {
  return { name: key.name, prefix: key.prefix };
}

export function apiKeyGate(apiKeys: ApiKeys, options: { readonly secureCookie: boolean }): Gate {
  const limiter = new FailureLimiter();

  /** Checks a presented key, counting failures per address and refusing locked-out ones. */
  const checkKey = async (req: IncomingMessage, key: string): Promise<{ key: ApiKeyRow } | Refusal> => {
    const address = clientAddress(req);
    const wait = limiter.retryAfter(address);
    if (wait > 0) {
      return { error: { code: 'auth_rate_limited', message: `Too many failed sign-ins from this address; try again in ${wait} s.`, details: { retryAfterSeconds: wait } }, headers: { 'retry-after': String(wait) } };
    }
    const verdict = await apiKeys.verify(key);
    if (!verdict.ok) {
      limiter.failed(address);
      return refusal(verdict.code);
    }
    limiter.succeeded(address);
    return { key: verdict.key };
  };

  /** The key behind the request's bearer header or session cookie. */
  const identify = async (req: IncomingMessage): Promise<{ key: ApiKeyRow } | Refusal> => {
    const presented = bearer(req);
    if (presented !== undefined) return checkKey(req, presented);
    const session = sessionCookie(req);
    const key = session ? await apiKeys.sessionKey(session) : null;
    if (key) return { key };
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
      return sendError(res, { code: 'bad_request', message: 'Sign in by sending {"key": "<API key>"} as JSON.' });
    }
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) return sendError(res, { code: 'bad_request', message: 'Sign in by sending {"key": "<API key>"} as JSON.' });
    const checked = await checkKey(req, parsed.data.key);
    if (!('key' in checked)) return sendError(res, checked.error, checked.headers);
    const token = await apiKeys.startSession(checked.key);
    sendJson(res, 200, signedIn(checked.key), { 'set-cookie': setSessionCookie(token, options.secureCookie) });
  };

  return {
    async admit(req) {
      const who = await identify(req);
      return 'key' in who ? { actor: who.key.name } : { refused: who };
    },
    async route(req, res, url) {
      if (url.pathname !== '/api/session') return false;
      if (req.method === 'POST') {
        await signIn(req, res);
      } else if (req.method === 'GET') {
        const who = await identify(req);
        if ('key' in who) sendJson(res, 200, signedIn(who.key));
        else sendError(res, who.error, who.headers);
      } else if (req.method === 'DELETE') {
        const session = sessionCookie(req);
        if (session) await apiKeys.endSession(session);
        sendJson(res, 200, { signedOut: true }, { 'set-cookie': clearSessionCookie(options.secureCookie) });
      } else {
        sendError(res, { code: 'bad_request', message: 'Sign in with POST /api/session, check with GET, sign out with DELETE.' });
      }
      return true;
    },
  };
}
