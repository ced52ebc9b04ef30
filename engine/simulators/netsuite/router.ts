import { nsError, NsHttpError, unexpectedError } from './ns-errors';
import * as routes from './routes';

// Path and method → handler, with NetSuite's error bodies for everything that is not served.

export function route(method: string, url: URL, ctx: routes.RouteContext, log: (line: string) => void): routes.Reply {
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
}
