import { text, type ConnectorDefinition } from '../connector';
import { probeHttp } from './probe';

/** A generic HTTP API: an optional base URL and a token sent in a header the user names. */
export const httpConnector: ConnectorDefinition = {
  kind: 'http',
  label: 'HTTP API',
  fields: [
    { key: 'baseUrl', label: 'Base URL', secret: false, required: false, type: 'url' },
    { key: 'authHeader', label: 'Auth header name', secret: false, required: false, type: 'text', help: 'Default: Authorization.' },
    { key: 'authScheme', label: 'Auth scheme', secret: false, required: false, type: 'text', help: 'e.g. Bearer; empty sends the token as is.' },
    { key: 'token', label: 'Token', secret: true, required: false, type: 'text' },
  ],
  requestAuth(values) {
    const token = text(values, 'token');
    const header = (text(values, 'authHeader') || 'authorization').toLowerCase();
    const scheme = text(values, 'authScheme');
    return { baseUrl: text(values, 'baseUrl') || null, headers: token ? { [header]: scheme ? `${scheme} ${token}` : token } : {} };
  },
  async test(values, signal) {
    const auth = this.requestAuth(values);
    if (!auth?.baseUrl) return 'Nothing to test: this connection has no base URL.';
    return probeHttp(auth.baseUrl, auth, signal);
  },
};
