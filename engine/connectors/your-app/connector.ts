import { text, type ConnectorDefinition } from '../connector';
import { probeHttp } from '../http/probe';

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
};
