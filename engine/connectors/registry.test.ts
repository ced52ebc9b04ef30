import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionKindSchema } from '../api/methods/connections';
import { json, startTestServer, withEngine, type TestServer } from '../testing/temp-engine';
import { connectorFor } from './registry';

let api: TestServer;
const seen: (string | undefined)[] = [];
beforeAll(async () => {
  api = await startTestServer((req, _body, res) => {
    seen.push(String(req.headers['x-token'] ?? req.headers.authorization));
    json(res, 200, { ok: true });
  });
});
afterAll(() => api.close());

describe('connector registry', () => {
  it('serves every connection kind with its label and fields over connections.kinds', async () => {
    await withEngine(async (engine) => {
      const kinds = await engine.call('connections.kinds', {});
      expect(kinds.map((k) => k.kind)).toEqual(connectionKindSchema.options);
      expect(kinds.find((k) => k.kind === 'your_app')).toMatchObject({ label: 'Your App API', fields: [{ key: 'baseUrl' }, { key: 'apiKey', secret: true }] });
    });
  });

  it('Test connection sends the same credentials a JSON API Call would', async () => {
    const http = connectorFor('http');
    const values = { baseUrl: api.url, authHeader: 'X-Token', authScheme: 'Token', token: 'secret-token-1' };
    expect(http.requestAuth(values)?.headers).toEqual({ 'x-token': 'Token secret-token-1' });
    await http.test(values);
    const yourApp = connectorFor('your_app');
    await yourApp.test({ baseUrl: api.url, apiKey: 'api-key-12345' });
    expect(seen).toEqual(['Token secret-token-1', 'Bearer api-key-12345']);
    expect(yourApp.requestAuth({ baseUrl: api.url, apiKey: 'api-key-12345' })?.headers).toEqual({ authorization: 'Bearer api-key-12345' });
    expect(connectorFor('netsuite').requestAuth({})).toBeNull();
  });
});
