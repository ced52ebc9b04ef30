import { z } from 'zod';
import type { MethodArgs, MethodName, MethodResult } from '../api/contract';
import { methods } from '../api/contract';
import { errorCodes, isPatchbayError, PatchbayError } from '../errors/patchbay-error';

// The desktop's side of the wire to a Patchbay server: contract calls over the server's bridge
// (`POST /api/call/<method>`, `Authorization: Bearer <API key>`). The key goes only in that header;
// no error built here carries it.

const errorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
const sessionBody = z.object({ name: z.string(), prefix: z.string() });
const TIMEOUT_MS = 60_000;

/** The URL a person typed, as the base the bridge's routes hang off; refused unless http(s). */
export function serverBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new PatchbayError('server_url_invalid', errorCodes.server_url_invalid);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PatchbayError('server_url_invalid', errorCodes.server_url_invalid);
  // A password in the address would be stored in clear, listed and quoted in errors; the key has its own field.
  if (url.username !== '' || url.password !== '') throw new PatchbayError('server_url_credentials', errorCodes.server_url_credentials);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

export class ServerClient {
  private readonly base: URL;

  constructor(url: string, private readonly apiKey: string) {
    this.base = serverBaseUrl(url);
  }

  get url(): string {
    return this.base.href;
  }

  private async send(path: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.base), {
        method: init.method,
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      const why = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw new PatchbayError('server_unreachable', `The Patchbay server at ${this.base.origin} could not be reached (${why}); check its URL and that it is running, then try again.`, { url: this.base.origin });
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PatchbayError('server_not_patchbay', `${this.base.origin} answered HTTP ${res.status}, but not as a Patchbay server; check the URL.`, { status: res.status });
    }
    if (res.ok) return body;
    const error = errorBody.safeParse(body);
    if (!error.success) throw new PatchbayError('server_not_patchbay', `${this.base.origin} answered HTTP ${res.status}, but not as a Patchbay server; check the URL.`, { status: res.status });
    // The server's own code and message (api_key_invalid, publish_sealed_unreadable, bundle_conflict…) say what to do.
    throw new PatchbayError(error.data.code, `The server refused: ${error.data.message}`, { status: res.status, server: this.base.origin, ...(error.data.details === undefined ? {} : { details: error.data.details }) });
  }

  /** A contract method on the server, its answer checked against the same schema as here. */
  async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
    const body = await this.send(`api/call/${method}`, { method: 'POST', body: JSON.stringify(args) });
    const parsed = methods[method].result.safeParse(body);
    if (!parsed.success) throw new PatchbayError('server_not_patchbay', `The server at ${this.base.origin} answered ${method} in a shape this Patchbay does not know; update Patchbay on one side.`);
    return parsed.data as MethodResult<M>;
  }

  /**
   * Who the server says the key belongs to. Asked first, so a Patchbay that does not sign in with
   * API keys (a desktop's `serve`, a server started without --auth) says so, not why its own
   * session token is missing.
   */
  async whoAmI(): Promise<{ name: string; prefix: string }> {
    const withoutKeys = new PatchbayError('server_without_api_keys', `The Patchbay at ${this.base.origin} does not sign in with API keys; start it with \`patchbay server --auth api-keys\` and create a key there (\`patchbay apikeys create --name <who>\`).`);
    let body: unknown;
    try {
      body = await this.send('api/session', { method: 'GET' });
    } catch (e) {
      // The loopback-token gate's answer: that Patchbay takes no API keys at all.
      if (isPatchbayError(e) && e.code === 'unauthorized') throw withoutKeys;
      throw e;
    }
    const parsed = sessionBody.safeParse(body);
    if (!parsed.success) throw withoutKeys;
    return parsed.data;
  }
}
