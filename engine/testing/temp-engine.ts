import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../host/engine';
import { defaultTestDialect, freshPostgresDatabase, type TestDialect } from './test-database';

// Test support (not shipped behaviour): real engines on temp data dirs, real loopback servers.

export function tempDir(prefix = 'patchbay-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A real engine on a temp data dir, closed afterwards. `database: 'postgres'` puts it on a fresh
 * PostgreSQL database (on the cluster vitest.pg.config.ts started, else on one of its own); the
 * default is SQLite, or PostgreSQL when `npm test` runs the file under vitest.pg.config.ts.
 */
export async function withEngine<T>(
  fn: (engine: Engine, dataDir: string) => Promise<T>,
  options: { demoSandbox?: boolean; retention?: EngineOptions['retention']; database?: TestDialect } = {},
): Promise<T> {
  const { database: dialect, ...engineOptions } = options;
  const dir = tempDir();
  const db = await testDatabase(dialect);
  try {
    const engine = await createEngine({ dataDir: dir.path, ...db.option, ...engineOptions });
    try {
      return await fn(engine, dir.path);
    } finally {
      await engine.close();
    }
  } finally {
    await db.drop();
    dir.remove();
  }
}

export interface TestEngineDatabase {
  /** Spread into each `createEngine` of the test: `{ database: url }` on PostgreSQL, `{}` for the data dir's SQLite file. */
  readonly option: { readonly database?: string };
  drop(): Promise<void>;
}

/**
 * The database for engines a test creates itself (several on one data dir: a restart, a crash):
 * a fresh PostgreSQL database in the PostgreSQL run (or when asked), else the data dir's SQLite file.
 */
export async function testDatabase(dialect: TestDialect = defaultTestDialect()): Promise<TestEngineDatabase> {
  if (dialect === 'sqlite') return { option: {}, drop: async () => undefined };
  const pg = await freshPostgresDatabase();
  return { option: { database: pg.url }, drop: () => pg.drop() };
}

export interface TestServer {
  readonly url: string;
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

export async function startTestServer(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      return closed;
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
