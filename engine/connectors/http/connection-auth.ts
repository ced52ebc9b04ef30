import { PatchbayError } from '../../api/errors';
import type { ResolvedConnection } from '../../connections/store';

export interface ConnectionAuth {
  readonly baseUrl: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What a saved connection adds to a JSON API Call: its base URL (for relative URLs) and its
 * credential header. Your App takes a bearer API key; a generic HTTP connection names its header.
 */
export function connectionAuth(c: ResolvedConnection): ConnectionAuth {
  const text = (key: string): string => (c.values[key] === undefined || c.values[key] === null ? '' : String(c.values[key]));
  if (c.kind === 'your_app') {
    return { baseUrl: text('baseUrl') || null, headers: text('apiKey') ? { authorization: `Bearer ${text('apiKey')}` } : {} };
  }
  if (c.kind === 'http') {
    const token = text('token');
    const header = (text('authHeader') || 'authorization').toLowerCase();
    const scheme = text('authScheme');
    return { baseUrl: text('baseUrl') || null, headers: token ? { [header]: scheme ? `${scheme} ${token}` : token } : {} };
  }
  throw new PatchbayError('invalid_config', `Connection "${c.name}" is a ${c.kind} connection; a JSON API Call takes a Your App or HTTP connection (use the NetSuite blocks for NetSuite).`);
}

/** A relative URL ("/orders") is joined to the connection's base URL. */
export function joinUrl(baseUrl: string | null, url: string): string {
  if (!baseUrl || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
