import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isPatchbayError } from '../errors/patchbay-error';
import { parseJson } from '../api/safe-json';
import { actingAs } from '../storage/acting-as';
import { refusedForRole } from './auth/access';
import { apiKeyGate } from './auth/api-key-gate';
import { tokenGate } from './auth/gate';
import { listenPolicy, type AuthMode } from './auth/listen';
import { MAX_BODY_BYTES, readBody, sendError, sendJson } from './bridge-http';
import { createEngine, type Engine } from './engine';
import { serveStatic } from './static-files';

// The HTTP bridge: browser mode's transport, and the server's. By default it binds 127.0.0.1 and
// requires the per-session token on every API request; with `auth: 'api-keys'` it requires an API
// key (or a session signed in with one) instead and may listen beyond loopback. Either way it
// checks the Host header (against DNS rebinding) and refuses requests a page of another origin
// sends (a browser names that page in Origin; programs send none).

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface BridgeOptions {
  readonly dataDir?: string;
  /** For an engine of its own: a PostgreSQL URL instead of the data dir's SQLite file. */
  readonly database?: string;
  readonly engine?: Engine;
  /** Fire scheduled workflows (on for `patchbay serve`, off by default for tests). */
  readonly scheduler?: boolean;
  /** Start the built-in Demo sandbox (on for `patchbay serve`). */
  readonly demoSandbox?: boolean;
  /** Execute runs in this many worker threads (`patchbay serve` does); none: on the bridge's thread. */
  readonly runWorkers?: number;
  readonly port?: number;
  /** Listen address (default 127.0.0.1); beyond loopback only with `auth: 'api-keys'`. */
  readonly host?: string;
  /** Default 'loopback-token' (desktop, browser mode); 'api-keys' when Patchbay serves a team. */
  readonly auth?: AuthMode;
  /** The address users open (e.g. the reverse proxy's https:// address); with api-keys only. */
  readonly publicUrl?: string;
  readonly staticDir?: string;
  readonly token?: string;
}

export interface Bridge {
  /** The address to open; in loopback-token mode it carries the token. */
  readonly url: string;
  /** The session token (loopback-token mode); empty with API keys, which accept no token. */
  readonly token: string;
  readonly port: number;
  readonly engine: Engine;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  if (!options.engine && !options.dataDir) throw new Error('startBridge needs an engine or a dataDir');
  // Refused before anything starts: a bridge that would listen beyond loopback without keys.
  const policy = listenPolicy(options);
  // An engine of its own resumes interrupted runs only once the server listens: a run that
  // resumes must never keep the UI it could be cancelled from from coming up.
  const engine = options.engine ?? await createEngine({ dataDir: options.dataDir as string, ...(options.database ? { database: options.database } : {}), scheduler: options.scheduler ?? false, demoSandbox: options.demoSandbox ?? false, resume: false, runWorkers: options.runWorkers ?? 0 });
  const ownsEngine = !options.engine;
  const token = policy.auth === 'api-keys' ? '' : options.token ?? randomBytes(24).toString('base64url');
  const gate = policy.auth === 'api-keys' ? apiKeyGate(engine.context.apiKeys, engine.context.users, { secureCookie: policy.publicUrl?.protocol === 'https:' }) : tokenGate(token);
  const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
  let port = 0;
  const sse = new Set<ServerResponse>();

  const handleCall = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.method !== 'POST') return sendError(res, { code: 'bad_request', message: 'Engine calls use POST.' });
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      res.setHeader('connection', 'close');
      return sendError(res, { code: 'payload_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB.` });
    }
    let args: unknown = {};
    if (text.trim() !== '') {
      try {
        args = parseJson(text, 'The request body');
      } catch (e) {
        if (isPatchbayError(e)) return sendError(res, e.toPayload());
        return sendError(res, { code: 'bad_request', message: 'The request body is not valid JSON.' });
      }
    }
    const result = await engine.dispatch(method, args);
    if (result.ok) sendJson(res, 200, result.result ?? null);
    else sendError(res, result.error);
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sse.add(res);
    const unsubscribe = engine.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      sse.delete(res);
    });
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (!policy.allowedHost(req.headers.host, port)) {
        return sendError(res, { code: 'forbidden', message: `Patchbay only answers requests addressed to ${policy.publicUrl ? `${policy.publicUrl.host}, ` : ''}127.0.0.1 or localhost.` });
      }
      if (!policy.allowedOrigin(req.headers.origin, port)) {
        return sendError(res, {
          code: 'origin_not_allowed',
          message: `Patchbay answers only its own pages (${policy.publicUrl?.origin ?? `http://127.0.0.1:${port}`}), not a page from ${req.headers.origin ?? 'another origin'}; open Patchbay at the address \`patchbay serve\` printed.`,
        });
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        if (await gate.route(req, res, url)) return;
        const admitted = await gate.admit(req, url);
        if ('refused' in admitted) return sendError(res, admitted.refused.error, admitted.refused.headers);
        if (url.pathname === '/api/events') {
          if (req.method !== 'GET') return sendError(res, { code: 'bad_request', message: 'Subscribe to events with GET.' });
          return handleEvents(req, res);
        }
        const call = /^\/api\/call\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
        const method = call?.[1];
        if (!method) return sendError(res, { code: 'not_found', message: `No API route ${url.pathname}.` });
        const forbidden = refusedForRole(admitted.role, method);
        if (forbidden) return sendError(res, forbidden);
        // The activity log names the user or key that signed the request (see storage/acting-as.ts).
        return admitted.actor === null ? handleCall(req, res, method) : actingAs(admitted.actor, () => handleCall(req, res, method));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_request', message: 'Only GET is served here.' });
      serveStatic(staticDir, url.pathname, res);
    })().catch((e: unknown) => {
      // The gate reads API keys, users and sessions from the database too: an outage there says database_unavailable.
      if (!res.headersSent) sendError(res, engine.errorPayload(e));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, policy.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (ownsEngine) engine.resumeInterrupted();
  return {
    url: policy.auth === 'api-keys' ? policy.publicUrl?.href ?? `http://127.0.0.1:${port}/` : `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    engine,
    close: async () => {
      for (const res of sse) res.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      if (ownsEngine) await engine.close();
    },
  };
}
