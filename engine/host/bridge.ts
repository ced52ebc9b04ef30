import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isPatchbayError, type ErrorPayload } from '../errors/patchbay-error';
import { parseJson } from '../api/safe-json';
import { MAX_REQUEST_BYTES } from '../shared/request-size';
import { createEngine, type Engine } from './engine';
import { httpStatusFor } from './http-status';
import { serveStatic } from './static-files';

// The loopback HTTP bridge: browser mode's transport. Binds 127.0.0.1 only, checks the Host
// header (against DNS rebinding), refuses requests a page of another origin sends (a browser
// names that page in Origin; programs send none), and requires the per-session token on every
// API request.

const MAX_BODY_BYTES = MAX_REQUEST_BYTES;
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface BridgeOptions {
  readonly dataDir?: string;
  readonly engine?: Engine;
  /** Fire scheduled workflows (on for `patchbay serve`, off by default for tests). */
  readonly scheduler?: boolean;
  /** Start the built-in Demo sandbox (on for `patchbay serve`). */
  readonly demoSandbox?: boolean;
  /** Execute runs in this many worker threads (`patchbay serve` does); none: on the bridge's thread. */
  readonly runWorkers?: number;
  readonly port?: number;
  readonly staticDir?: string;
  readonly token?: string;
}

export interface Bridge {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly engine: Engine;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

function sendError(res: ServerResponse, error: ErrorPayload): void {
  sendJson(res, httpStatusFor(error), error);
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading but let the 413 answer go out; the connection closes after it.
        req.pause();
        reject(new Error('too_large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  if (!options.engine && !options.dataDir) throw new Error('startBridge needs an engine or a dataDir');
  // An engine of its own resumes interrupted runs only once the server listens: a run that
  // resumes must never keep the UI it could be cancelled from from coming up.
  const engine = options.engine ?? await createEngine({ dataDir: options.dataDir as string, scheduler: options.scheduler ?? false, demoSandbox: options.demoSandbox ?? false, resume: false, runWorkers: options.runWorkers ?? 0 });
  const ownsEngine = !options.engine;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
  let port = 0;
  const sse = new Set<ServerResponse>();

  const allowedHost = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

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
      if (!allowedHost(req.headers.host)) {
        return sendError(res, { code: 'forbidden', message: 'Patchbay only answers requests addressed to 127.0.0.1 or localhost.' });
      }
      if (!allowedOrigin(req.headers.origin)) {
        return sendError(res, {
          code: 'origin_not_allowed',
          message: `Patchbay answers only its own pages (http://127.0.0.1:${port}), not a page from ${req.headers.origin ?? 'another origin'}; open Patchbay at the address \`patchbay serve\` printed.`,
        });
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!sameToken(bearer ?? url.searchParams.get('token'), token)) {
          return sendError(res, { code: 'unauthorized', message: 'Open Patchbay with the address printed by `patchbay serve` (it carries the session token).' });
        }
        if (url.pathname === '/api/events') {
          if (req.method !== 'GET') return sendError(res, { code: 'bad_request', message: 'Subscribe to events with GET.' });
          return handleEvents(req, res);
        }
        const call = /^\/api\/call\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
        if (call?.[1]) return handleCall(req, res, call[1]);
        return sendError(res, { code: 'not_found', message: `No API route ${url.pathname}.` });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_request', message: 'Only GET is served here.' });
      serveStatic(staticDir, url.pathname, res);
    })().catch((e: unknown) => {
      if (!res.headersSent) sendError(res, { code: 'internal', message: e instanceof Error ? e.message : String(e) });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (ownsEngine) engine.resumeInterrupted();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
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
