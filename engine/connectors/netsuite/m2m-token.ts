import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { PatchbayError } from '../../errors/patchbay-error';
import { buildAssertion, m2mSetupPath, readPrivateKey } from './jwt-assertion';
import { parseJson } from '../../api/safe-json';

// Step 2 of OAuth 2.0 client credentials: the assertion is exchanged at the account's token
// endpoint for an access token (valid 60 minutes), cached and renewed before it runs out. All
// concurrent requests share one exchange. The token and the key never appear in messages.

export const tokenPath = '/services/rest/auth/oauth2/v1/token';

export interface M2mSettings {
  readonly accountId: string;
  readonly baseUrl: string;
  readonly clientId: string;
  readonly certificateId: string;
  readonly privateKey: string;
  readonly scopes?: readonly string[] | undefined;
  readonly timeoutMs: number;
  /** Clock for the assertion (tests move it); Date.now by default. */
  readonly now?: (() => number) | undefined;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().optional(),
  token_type: z.string().optional(),
});

const errorResponseSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Renew this long before expiry, so a token never expires in the middle of a paged fetch. */
const renewMarginMs = 5 * 60_000;
/** NetSuite accepts assertions whose iat/exp are within a few minutes of its clock. */
const clockToleranceMs = 5 * 60_000;

const stepTwo = 'Step 2 of 3 (exchanging the signed assertion for an access token)';

function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class M2mTokenSource {
  private key: KeyObject | null = null;
  private current: { token: string; renewAtMs: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly s: M2mSettings) {}

  get tokenUrl(): string {
    return `${this.s.baseUrl}${tokenPath}`;
  }

  private now(): number {
    return (this.s.now ?? Date.now)();
  }

  /** A valid access token, fetched or renewed when needed. */
  token(signal?: AbortSignal): Promise<string> {
    if (this.current && this.current.renewAtMs > this.now()) return Promise.resolve(this.current.token);
    // One exchange serves every waiting request, so no caller's cancellation may abort it.
    this.pending ??= this.exchange().finally(() => {
      this.pending = null;
    });
    return signal ? untilAborted(this.pending, signal) : this.pending;
  }

  /** Forget a token NetSuite refused (a 401), unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async exchange(): Promise<string> {
    this.key ??= readPrivateKey(this.s.privateKey);
    const assertion = buildAssertion({
      clientId: this.s.clientId,
      certificateId: this.s.certificateId,
      key: this.key,
      audience: this.tokenUrl,
      scopes: this.s.scopes ?? ['rest_webservices'],
      nowSec: Math.floor(this.now() / 1000),
    });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const timeout = AbortSignal.timeout(this.s.timeoutMs);
    let res: Response;
    let text: string;
    const startedMs = this.now();
    try {
      res = await fetch(this.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal: timeout,
        redirect: 'manual',
      });
      text = await res.text();
    } catch {
      const host = new URL(this.s.baseUrl).host;
      throw new PatchbayError(timeout.aborted ? 'timeout' : 'network_error', `${stepTwo}: could not reach NetSuite's token endpoint at ${host}${timeout.aborted ? ' in time' : ''}. Check the account id or host override and your network.`, { step: 'token', status: null });
    }
    const details = { step: 'token', status: res.status, path: tokenPath };
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('html') || /^\s*</.test(text)) {
      throw new PatchbayError('invalid_response', `${stepTwo}: the token endpoint answered with a web page (HTTP ${res.status}), not OAuth 2.0 JSON. Check the account id or host override (Setup > Company > Company Information > Company URLs) and that the OAuth 2.0 feature is enabled (Setup > Company > Enable Features > SuiteCloud).`, details);
    }
    let body: unknown;
    try {
      body = text === '' ? null : parseJson(text, "The token endpoint's answer");
    } catch (e) {
      if (e instanceof PatchbayError) throw new PatchbayError('invalid_response', `${stepTwo}: ${e.message}`, details);
      throw new PatchbayError('invalid_response', `${stepTwo}: the token endpoint's answer is not JSON (HTTP ${res.status}). Check the host and retry.`, details);
    }
    if (res.ok) {
      const ok = tokenResponseSchema.safeParse(body);
      if (!ok.success) throw new PatchbayError('invalid_response', `${stepTwo}: the token endpoint answered without an access_token. Check the host override points at the account's REST domain.`, details);
      const lifetimeMs = (ok.data.expires_in ?? 3600) * 1000;
      // Renew well before expiry (a short-lived token at half its life), so no page of a long fetch meets an expired one.
      this.current = { token: ok.data.access_token, renewAtMs: startedMs + Math.max(lifetimeMs - renewMarginMs, lifetimeMs / 2) };
      return ok.data.access_token;
    }
    if (res.status >= 500) throw new PatchbayError('server_error', `${stepTwo}: NetSuite's token endpoint failed (HTTP ${res.status}). Retry later.`, details);
    const err = errorResponseSchema.safeParse(body);
    const oauthError = err.success ? err.data.error : `HTTP ${res.status}`;
    throw new PatchbayError('auth_failed', `${stepTwo}: NetSuite refused the assertion (${oauthError}). ${this.checklist(res.headers.get('date'))}`, { ...details, oauthError });
  }

  /** What to check, most likely first; a server clock far from ours is named outright. */
  private checklist(serverDate: string | null): string {
    const server = serverDate ? Date.parse(serverDate) : Number.NaN;
    const skewMs = Number.isNaN(server) ? 0 : this.now() - server;
    if (Math.abs(skewMs) > clockToleranceMs) {
      const minutes = Math.round(Math.abs(skewMs) / 60_000);
      return `This computer's clock is ${minutes} minutes ${skewMs > 0 ? 'ahead of' : 'behind'} NetSuite's, so the assertion's iat/exp look ${skewMs > 0 ? 'issued in the future' : 'expired'}; correct the clock (enable automatic time) and test again.`;
    }
    return (
      `In ${m2mSetupPath}, check that certificate id "${this.s.certificateId}" is mapped to the integration whose client id is in this connection, ` +
      'that the mapping\'s certificate has not expired, that it is the certificate of this private key, and that the mapping\'s role has the REST Web Services permission ' +
      '(and the integration record has "Client Credentials (Machine to Machine) Grant" checked). The exact reason is in NetSuite\'s Login Audit Trail.'
    );
  }
}
