import { PatchbayError } from '../../errors/patchbay-error';
import type { ConnectionKind } from '../../api/methods/connections';
import type { ConnectionValues, RequestAuth } from '../connector';
import { connectorFor } from '../registry';

export type { RequestAuth as ConnectionAuth } from '../connector';

/**
 * What a saved connection adds to a JSON API Call: its base URL (for relative URLs) and its
 * credential headers, as its connector kind builds them.
 */
export function connectionAuth(c: { readonly name: string; readonly kind: ConnectionKind; readonly values: ConnectionValues }): RequestAuth {
  const auth = connectorFor(c.kind).requestAuth(c.values);
  if (auth) return auth;
  throw new PatchbayError('invalid_config', `Connection "${c.name}" is a ${connectorFor(c.kind).label} connection; a JSON API Call takes a Your App or HTTP connection (use the NetSuite blocks for NetSuite).`);
}

/** A relative URL ("/orders") is joined to the connection's base URL. */
export function joinUrl(baseUrl: string | null, url: string): string {
  if (!baseUrl || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
