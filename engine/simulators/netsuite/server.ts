import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NonceLedger, parseOAuthHeader, verifyTba, type AuthFailure } from './auth';
import type { AccountSpec, SimAccount } from './model';
import { accessTokenSeconds, M2mIssuer, tokenPath, type M2mFailure } from './oauth2';
import { concurrencyLimit, invalidLogin, NsHttpError, unexpectedError } from './ns-errors';
import {
  demoAccountSpec,
  emptyStats,
  type AccountStats,
  type InjectedFault,
  type NetSuiteSimulator,
  type NetSuiteSimulatorOptions,
} from './options';
import { route } from './router';
import * as routes from './routes';
import { prng, seedAccount } from './seed';
import type { OutputRow } from './sql-exec';

export { demoAccountSpec };
export type { AccountStats, FaultKind, InjectedFault, NetSuiteSimulator, NetSuiteSimulatorOptions, SimulatorStats } from './options';

// A NetSuite sandbox account on loopback (reference §8 checklist): TBA, the record and query
// services for purchase orders, an account-wide concurrency cap answering 429, latency and faults.

const htmlPage =
  '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>NetSuite is undergoing scheduled maintenance</h1><p>Please try again later.</p></body></html>';

export async function startNetSuiteSimulator(opts: NetSuiteSimulatorOptions = {}): Promise<NetSuiteSimulator> {
  const specs = (opts.accounts && opts.accounts.length > 0 ? opts.accounts : [demoAccountSpec()]).map((a) => ({
    orders: 250,
    seed: 42,
    profile: 'seed' as const,
    ...a,
  })) as Required<AccountSpec>[];
  const accounts = new Map<string, SimAccount>(specs.map((s) => [s.accountId, seedAccount(s)]));
  const now = opts.now ?? Date.now;
  const cap = opts.concurrency ?? 5;
  const nonces = new NonceLedger();
  const issuer = new M2mIssuer();
  const random = prng(opts.faultSeed ?? 7);
  const queryCache = new Map<string, { version: number; rows: OutputRow[] }>();
  const injected: InjectedFault[] = [];
  const inFlight = new Map<string, number>();
  let globalInFlight = 0;
  let stats = emptyStats();
  const log = opts.log ?? (() => undefined);

  const accountStats = (id: string): AccountStats => (stats.accounts[id] ??= { requests: 0, inFlight: 0, maxInFlight: 0 });

  const refuse = (reason: AuthFailure | M2mFailure, what: string): void => {
    stats.authFailures++;
    stats.authReasons[reason] = (stats.authReasons[reason] ?? 0) + 1;
    log(`login audit: ${reason} for ${what}`);
  };

  /** The token endpoint: no Authorization header; the assertion in the form body names the client. */
  const token = async (req: IncomingMessage, body: string, base: string): Promise<routes.Reply> => {
    stats.byKind.token = (stats.byKind.token ?? 0) + 1;
    // Queued faults are for API requests (after auth), so they never land on the token exchange.
    await delay();
    if (req.method !== 'POST') return { status: 405, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: 'invalid_request' }) };
    const r = issuer.exchange(new URLSearchParams(body), `${base}${tokenPath}`, accounts.values(), now());
    if (!r.ok) {
      refuse(r.reason, `${r.account?.spec.accountId ?? 'unknown client'} POST ${tokenPath}`);
      return { status: r.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: r.error }) };
    }
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ access_token: r.accessToken, expires_in: accessTokenSeconds, token_type: 'bearer' }) };
  };

  const handle = async (req: IncomingMessage, body: string): Promise<routes.Reply> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const host = req.headers.host ?? `127.0.0.1`;
    const base = `http://${host}`;
    if (url.pathname === tokenPath) return token(req, body, base);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) {
      const checked = issuer.verifyBearer(bearer, accounts, now());
      if ('failure' in checked) {
        refuse(checked.failure, `${checked.account?.spec.accountId ?? 'unknown account'} ${req.method} ${url.pathname}`);
        await delay();
        const realm = checked.account?.spec.accountId ?? '';
        return routes.errorReply(invalidLogin({ 'WWW-Authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="Invalid login attempt."` }));
      }
      return serve(req, body, url, base, checked.account, null);
    }
    const params = parseOAuthHeader(req.headers.authorization);
    const realm = params?.get('realm');
    // Attribute the request to an account by realm (the host is shared on loopback); a realm in the
    // wrong case still names the account, so it is counted there, then refused by verification.
    const account = realm === undefined ? undefined : (accounts.get(realm) ?? [...accounts.values()].find((a) => a.spec.accountId.toUpperCase() === realm.toUpperCase()));
    if (!params || !account) {
      stats.authFailures++;
      const reason: AuthFailure = params ? 'InvalidRealm' : 'MissingHeader';
      stats.authReasons[reason] = (stats.authReasons[reason] ?? 0) + 1;
      log(`login audit: ${reason} for ${req.method} ${url.pathname}`);
      await delay();
      return routes.errorReply(invalidLogin());
    }
    return serve(req, body, url, base, account, params);
  };

  /** An authenticated-by-header request: concurrency gate, TBA verification (when signed), faults, routing. */
  const serve = async (req: IncomingMessage, body: string, url: URL, base: string, account: SimAccount, params: Map<string, string> | null): Promise<routes.Reply> => {
    const id = account.spec.accountId;
    const acct = accountStats(id);
    acct.requests++;
    const current = (inFlight.get(id) ?? 0) + 1;
    inFlight.set(id, current);
    acct.inFlight = current;
    acct.maxInFlight = Math.max(acct.maxInFlight, current);
    try {
      if (current > cap) {
        stats.rejected429++;
        return routes.errorReply(concurrencyLimit(opts.retryAfterSeconds));
      }
      await delay();
      const failure = params && verifyTba(
        { method: req.method ?? 'GET', baseUri: `${base}${url.pathname}`, rawQuery: (req.url ?? '').split('?')[1] ?? '', params, nowMs: now() },
        account.spec,
        nonces,
      );
      if (failure) {
        stats.authFailures++;
        stats.authReasons[failure] = (stats.authReasons[failure] ?? 0) + 1;
        log(`login audit: ${failure} for ${id} ${req.method} ${url.pathname}`);
        return routes.errorReply(invalidLogin());
      }
      const fault = injected.shift() ?? randomFault();
      if (fault) {
        stats.faultsInjected++;
        if (fault.delayMs) await sleep(fault.delayMs);
        if (fault.html) return { status: fault.status ?? 503, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: htmlPage };
        if (fault.status === 429) return routes.errorReply(concurrencyLimit(fault.retryAfterSeconds ?? opts.retryAfterSeconds));
        if (fault.status) return routes.errorReply(fault.status === 500 ? unexpectedError() : new NsHttpError(fault.status, { type: 'about:blank', title: 'Service Unavailable', status: fault.status }));
      }
      const reply = route(req.method ?? 'GET', url, {
        account,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        base,
        nowMs: now(),
        suiteqlRowCap: opts.suiteqlRowCap ?? 100_000,
        queryCache,
        count: (kind) => {
          stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
        },
      }, log);
      if (fault?.truncate && reply.body) return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
      return reply;
    } finally {
      inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
      acct.inFlight = inFlight.get(id) ?? 0;
    }
  };

  function randomFault(): InjectedFault | undefined {
    const f = opts.faults;
    if (!f) return undefined;
    const r = random();
    let acc = 0;
    for (const kind of ['429', '500', '503'] as const) {
      acc += f[kind] ?? 0;
      if (r < acc) return { status: Number(kind) as 429 | 500 | 503 };
    }
    return undefined;
  }

  function delay(): Promise<void> {
    const ms = (opts.latencyMs ?? 0) + (opts.jitterMs ? random() * opts.jitterMs : 0);
    return sleep(ms);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 20 * 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      stats.requests++;
      globalInFlight++;
      stats.inFlight = globalInFlight;
      stats.maxInFlight = Math.max(stats.maxInFlight, globalInFlight);
      // Every rejection is answered by the catch below; nothing is left unhandled.
      void handle(req, Buffer.concat(chunks).toString('utf8'))
        .catch((e: unknown) => {
          log(`unexpected simulator error: ${e instanceof Error ? e.message : String(e)}`);
          return routes.errorReply(unexpectedError());
        })
        .then((reply) => {
          globalInFlight--;
          stats.inFlight = globalInFlight;
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    accounts: specs,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    revokeAccessTokens: () => issuer.revokeAll(),
    injectFaults: (...faults) => {
      injected.push(...faults);
    },
    account: (accountId) => {
      const a = accounts.get(accountId);
      if (!a) throw new Error(`no simulated account ${accountId}`);
      return a;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

