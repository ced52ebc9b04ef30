import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NonceLedger, parseOAuthHeader, verifyTba, type AuthFailure } from './auth';
import type { AccountSpec, SimAccount } from './model';
import { concurrencyLimit, invalidLogin, nsError, NsHttpError, unexpectedError } from './ns-errors';
import * as routes from './routes';
import { prng, seedAccount } from './seed';
import type { OutputRow } from './sql-exec';

// A NetSuite sandbox account on loopback (reference §8 checklist): TBA, the record and query
// services for purchase orders, an account-wide concurrency cap answering 429, latency and faults.

export type FaultKind = '429' | '500' | '503';

export interface InjectedFault {
  readonly status?: 429 | 500 | 502 | 503 | undefined;
  /** Answer with an HTML page (a proxy or maintenance page) instead of JSON. */
  readonly html?: boolean | undefined;
  /** Send the real answer cut off halfway. */
  readonly truncate?: boolean | undefined;
  /** Wait this long before answering (timeouts). */
  readonly delayMs?: number | undefined;
  readonly retryAfterSeconds?: number | undefined;
}

export interface NetSuiteSimulatorOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Without accounts, one demo account with fresh random credentials is created. */
  readonly accounts?: readonly AccountSpec[] | undefined;
  readonly latencyMs?: number | undefined;
  readonly jitterMs?: number | undefined;
  /** Requests in flight per account before NetSuite answers 429 (the base limit is 5). */
  readonly concurrency?: number | undefined;
  /** Probability per request of an injected failure, e.g. { '429': 0.1, '500': 0.02 }. */
  readonly faults?: Partial<Record<FaultKind, number>> | undefined;
  readonly faultSeed?: number | undefined;
  readonly retryAfterSeconds?: number | undefined;
  readonly suiteqlRowCap?: number | undefined;
  readonly now?: (() => number) | undefined;
  /** The "login audit trail" and other diagnostics; never receives secrets. */
  readonly log?: ((line: string) => void) | undefined;
}

export interface AccountStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
}

export interface SimulatorStats {
  requests: number;
  byKind: Record<string, number>;
  rejected429: number;
  faultsInjected: number;
  authFailures: number;
  authReasons: Partial<Record<AuthFailure, number>>;
  inFlight: number;
  maxInFlight: number;
  accounts: Record<string, AccountStats>;
}

export interface NetSuiteSimulator {
  readonly url: string;
  readonly port: number;
  readonly accounts: readonly Required<AccountSpec>[];
  stats(): SimulatorStats;
  resetStats(): void;
  /** Faults applied, in order, to the next requests that pass the concurrency gate and auth. */
  injectFaults(...faults: InjectedFault[]): void;
  account(accountId: string): SimAccount;
  close(): Promise<void>;
}

export function demoAccountSpec(overrides: Partial<AccountSpec> = {}): Required<AccountSpec> {
  const hex = (): string => randomBytes(32).toString('hex');
  return {
    accountId: '1234567_SB1',
    consumerKey: hex(),
    consumerSecret: hex(),
    tokenId: hex(),
    tokenSecret: hex(),
    orders: 250,
    seed: 42,
    profile: 'seed',
    ...overrides,
  } as Required<AccountSpec>;
}

const emptyStats = (): SimulatorStats => ({
  requests: 0,
  byKind: {},
  rejected429: 0,
  faultsInjected: 0,
  authFailures: 0,
  authReasons: {},
  inFlight: 0,
  maxInFlight: 0,
  accounts: {},
});

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
  const random = prng(opts.faultSeed ?? 7);
  const queryCache = new Map<string, { version: number; rows: OutputRow[] }>();
  const injected: InjectedFault[] = [];
  const inFlight = new Map<string, number>();
  let globalInFlight = 0;
  let stats = emptyStats();
  const log = opts.log ?? (() => undefined);

  const accountStats = (id: string): AccountStats => (stats.accounts[id] ??= { requests: 0, inFlight: 0, maxInFlight: 0 });

  const handle = async (req: IncomingMessage, body: string): Promise<routes.Reply> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const host = req.headers.host ?? `127.0.0.1`;
    const base = `http://${host}`;
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
      const failure = verifyTba(
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
      });
      if (fault?.truncate && reply.body) return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
      return reply;
    } finally {
      inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
      acct.inFlight = inFlight.get(id) ?? 0;
    }
  };

  const route = (method: string, url: URL, ctx: routes.RouteContext): routes.Reply => {
    const p = url.pathname;
    try {
      const meta = /^\/services\/rest\/record\/v1\/metadata-catalog(?:\/([^/]+))?\/?$/.exec(p);
      if (meta && method === 'GET') return routes.metadata(ctx, meta[1]);
      if (p === '/services/rest/query/v1/suiteql') {
        if (method !== 'POST') throw nsError(405, 'INVALID_REQUEST', 'SuiteQL queries are sent with POST.');
        return routes.suiteql(ctx);
      }
      const rec = /^\/services\/rest\/record\/v1\/([^/]+)(?:\/([^/]+))?\/?$/.exec(p);
      if (rec) {
        // Record types are case-insensitive in paths (self links use `purchaseorder`).
        if (rec[1]?.toLowerCase() !== 'purchaseorder') throw nsError(404, 'NONEXISTENT_ID', `Record type '${rec[1]}' is not available in this account.`);
        const id = rec[2];
        if (id === undefined) {
          if (method === 'GET') return routes.listOrders(ctx);
          if (method === 'POST') return routes.createOrderRoute(ctx);
        } else {
          if (method === 'GET') return routes.getOrder(ctx, id);
          if (method === 'PATCH') return routes.patchOrder(ctx, id);
          if (method === 'PUT') return routes.upsertOrder(ctx, id);
          if (method === 'DELETE') return routes.deleteOrder(ctx, id);
        }
        throw nsError(405, 'INVALID_REQUEST', `${method} is not supported on ${p}.`);
      }
      throw nsError(404, 'NONEXISTENT_ID', `The resource ${p} does not exist.`);
    } catch (e) {
      if (e instanceof NsHttpError) return routes.errorReply(e);
      log(`unexpected simulator error: ${e instanceof Error ? e.message : String(e)}`);
      return routes.errorReply(unexpectedError());
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
      handle(req, Buffer.concat(chunks).toString('utf8'))
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

export { nsError };
