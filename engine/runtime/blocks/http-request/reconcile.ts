import { connectionAuth, joinUrl } from '../../../connectors/http/connection-auth';
import { sendWithRetries } from '../../../connectors/http/send';
import { connectorFor } from '../../../connectors/registry';
import type { BlockContext, Reconciliation } from '../types';
import { connectionStoreKey } from './connection-resolver';
import { buildUrl } from './url';

/** The parts of a JSON API Call's config that say what it wrote and how to reach its API. */
interface WriteConfig {
  readonly method: string;
  readonly url: string;
  readonly query: Record<string, unknown>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly connectionId?: string | undefined;
}

/** A body given as JSON text is read as the object it sends. */
function bodyValue(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Asks the connection's API whether a write this call may have made before an interruption is
 * already there. Only a connector that can look the write up (Your App: an order by its
 * external id) can tell; anything else is `unknown` and the run loop sends it again.
 */
export async function reconcileWrite(config: WriteConfig, ctx: BlockContext): Promise<Reconciliation> {
  if (config.method === 'GET' || !config.connectionId) return 'unknown';
  const connection = await ctx.services.get(connectionStoreKey).resolve(config.connectionId);
  const finder = connectorFor(connection.kind).findWrite;
  if (!finder) return 'unknown';
  const auth = connectionAuth(connection);
  if (!auth.baseUrl) return 'unknown';
  const url = buildUrl(joinUrl(auth.baseUrl, config.url), config.query);
  const base = new URL(auth.baseUrl);
  // Only a write to the connection's own API can be looked up there.
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname.replace(/\/+$/, ''))) return 'unknown';
  const path = url.pathname.slice(base.pathname.replace(/\/+$/, '').length) || '/';
  const lookup = finder({ method: config.method, path, body: bodyValue(config.body) });
  if (!lookup) return 'unknown';
  const answer = await sendWithRetries({
    method: 'GET', url: buildUrl(joinUrl(auth.baseUrl, lookup.path), lookup.query), headers: { accept: 'application/json', ...auth.headers },
    body: undefined, timeoutMs: config.timeoutMs, retries: config.retries, signal: ctx.signal,
  });
  const found = lookup.found(answer.body);
  // Shaped as the write's own answer, so the blocks after it read the record where they would.
  return found === null || found === undefined ? { found: false } : { found: true, output: { status: answer.status, headers: answer.headers, body: found } };
}
