import { PatchbayError } from '../../errors/patchbay-error';
import type { RequestAuth } from '../connector';

/** Test connection for HTTP kinds: one authenticated GET; 401/403 means the credentials were refused. */
export async function probeHttp(url: string, auth: RequestAuth, signal?: AbortSignal): Promise<string> {
  const host = new URL(url).host;
  let res: Response;
  try {
    res = await fetch(url, { headers: { ...auth.headers }, signal: signal ?? AbortSignal.timeout(20_000) });
    await res.arrayBuffer();
  } catch (e) {
    throw new PatchbayError('network_error', `Could not reach ${host}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : 'network failure'}. Check the URL.`);
  }
  if (res.status === 401 || res.status === 403) throw new PatchbayError('auth_failed', `${host} refused the credentials (HTTP ${res.status}). Check the API key.`);
  if (res.status >= 400) throw new PatchbayError('http_error', `${host} answered HTTP ${res.status} to GET ${new URL(url).pathname}.`, { status: res.status });
  return `Connected to ${host} (HTTP ${res.status}).`;
}
