import { text, type ConnectorDefinition, type WriteMade, type WriteLookup } from '../connector';
import { probeHttp } from '../http/probe';

/** Your App finds an order by the external id it was created with (GET /orders?external_order_id=X). */
export function findOrder(write: WriteMade): WriteLookup | null {
  if (write.method !== 'POST' || write.path.replace(/\/+$/, '') !== '/orders') return null;
  const body = write.body;
  const ext = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).external_order_id : undefined;
  if (typeof ext !== 'string' && typeof ext !== 'number') return null;
  return {
    path: '/orders',
    query: { external_order_id: String(ext) },
    found: (answer) => {
      const orders = typeof answer === 'object' && answer !== null ? (answer as { orders?: unknown }).orders : undefined;
      // Only an order carrying this external id counts: an API that ignored the filter and listed
      // other orders must not make an order that never arrived look delivered (it would be lost).
      const mine = Array.isArray(orders) ? orders.find((o: unknown) => typeof o === 'object' && o !== null && String((o as Record<string, unknown>).external_order_id) === String(ext)) : undefined;
      return mine ?? null;
    },
  };
}

/** The vendor's own API ("Your App"): a base URL and a bearer API key; Test reads /orders. */
export const yourAppConnector: ConnectorDefinition = {
  kind: 'your_app',
  label: 'Your App API',
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, required: true, type: 'url' },
    { key: 'apiKey', label: 'API key', secret: true, required: true, type: 'text' },
  ],
  requestAuth(values) {
    const apiKey = text(values, 'apiKey');
    const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    return { baseUrl: text(values, 'baseUrl') || null, headers };
  },
  async test(values, signal) {
    const auth = this.requestAuth(values);
    if (!auth?.baseUrl) return 'Nothing to test: this connection has no base URL.';
    return probeHttp(`${auth.baseUrl}/orders`, auth, signal);
  },
  findWrite: findOrder,
};
