import type { IncomingMessage } from 'node:http';
import { SESSION_SECONDS } from './api-keys';

// The browser session's cookie: HttpOnly (page scripts never see it), SameSite=Strict (no other
// site's page can make the browser send it), Secure when users reach Patchbay over https.

const NAME = 'patchbay_session';

export function sessionCookie(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    // Our tokens are base64url, so the value is used as sent (no decoding that could throw).
    if (eq > 0 && part.slice(0, eq).trim() === NAME) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function setSessionCookie(token: string, secure: boolean): string {
  return `${NAME}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
