import { PatchbayError } from '../../errors/patchbay-error';

/** How the bridge authenticates: the desktop's per-session token, or API keys for a team. */
export type AuthMode = 'loopback-token' | 'api-keys';

export interface ListenOptions {
  /** The address to listen on (default 127.0.0.1). */
  readonly host?: string;
  readonly auth?: AuthMode;
  /** The address users open (behind a reverse proxy: its https:// address); api-keys mode only. */
  readonly publicUrl?: string;
}

export interface ListenPolicy {
  readonly host: string;
  readonly auth: AuthMode;
  readonly publicUrl: URL | null;
  /** The Host header a request may carry (against DNS rebinding). */
  allowedHost(host: string | undefined, port: number): boolean;
  /** The Origin a browser may name (a page of another origin is refused); programs send none. */
  allowedOrigin(origin: string | undefined, port: number): boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function parsePublicUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PatchbayError('bad_request', `--public-url must be an address such as https://patchbay.example.com (got "${text}").`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new PatchbayError('bad_request', `--public-url must be the bare origin users open, such as https://patchbay.example.com (got "${text}"); Patchbay is served at the root of its address.`);
  }
  return url;
}

/**
 * Where the bridge may listen and which addresses it answers. Beyond loopback, anyone on the
 * network can connect, so the loopback token (printed in a URL) is not enough: API keys are
 * required, and the address users open must be named so Host and Origin checks can accept it.
 */
export function listenPolicy(options: ListenOptions): ListenPolicy {
  const host = options.host ?? '127.0.0.1';
  const auth = options.auth ?? 'loopback-token';
  const loopback = LOOPBACK.has(host);
  if (!loopback && auth !== 'api-keys') {
    throw new PatchbayError('listen_needs_auth', `Patchbay will not listen on ${host} with only a session token: anyone who reaches it could use it. Add \`--auth api-keys --public-url https://<address users open>\`, or keep the default 127.0.0.1 behind a reverse proxy.`, { host });
  }
  if (options.publicUrl !== undefined && auth !== 'api-keys') {
    throw new PatchbayError('bad_request', '--public-url applies with --auth api-keys; add it, or leave --public-url out for browser mode on this machine.');
  }
  if (!loopback && options.publicUrl === undefined) {
    throw new PatchbayError('public_url_required', `Listening on ${host} needs --public-url https://<address users open>, so Patchbay accepts requests addressed to it.`, { host });
  }
  const publicUrl = options.publicUrl === undefined ? null : parsePublicUrl(options.publicUrl);
  return {
    host, auth, publicUrl,
    allowedHost: (h, port) => h === `127.0.0.1:${port}` || h === `localhost:${port}` || (publicUrl !== null && h === publicUrl.host),
    allowedOrigin: (o, port) => o === undefined || o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}` || (publicUrl !== null && o === publicUrl.origin),
  };
}

/** The `--auth` flag's value. */
export function parseAuthMode(text: string | undefined): AuthMode | undefined {
  if (text === undefined || text === 'api-keys' || text === 'loopback-token') return text;
  throw new PatchbayError('bad_request', `--auth takes "api-keys" (a team signs in with API keys) or "loopback-token" (the default: this machine only), not "${text}".`);
}
