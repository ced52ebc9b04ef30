import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDocInput } from '../../../model/workflow';
import { startNetSuiteSimulator, type NetSuiteSimulator } from '../../../simulators/netsuite';
import { withEngine } from '../../../testing/temp-engine';

// Through the contract, as the UI and CLI use it: an OAuth 2.0 NetSuite connection is saved,
// tested, and used by a SuiteQL Query block in a run; neither the private key nor the access
// token reaches a step record or a test result.

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const wrong = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const accountId = '5550003_SB1';
let sim: NetSuiteSimulator;

beforeAll(async () => {
  sim = await startNetSuiteSimulator({
    accounts: [{ accountId, consumerKey: 'ck-unused-1', consumerSecret: 'cs-unused-1', tokenId: 'tk-unused-1', tokenSecret: 'ts-unused-1', orders: 15, oauth2: { clientId: 'eng-client', certificates: [{ id: 'eng-cert', publicKey: keys.publicKey }] } }],
  });
});
afterAll(() => sim.close());

describe('OAuth 2.0 NetSuite connection through the engine', () => {
  it('saves, tests and runs a SuiteQL Query with it, keeping the key and token out of every record', async () => {
    await withEngine(async (engine) => {
      const values = { accountId, authMode: 'oauth2', clientId: 'eng-client', certificateId: 'eng-cert', privateKey: keys.privateKey, baseUrl: sim.url };
      const saved = await engine.call('connections.save', { name: 'Acme M2M', kind: 'netsuite', values });
      expect(saved.values.privateKey).not.toContain('PRIVATE KEY');
      const ok = await engine.call('connections.test', { id: saved.id });
      expect(ok).toMatchObject({ ok: true, message: expect.stringContaining('OAuth 2.0') });
      const bad = await engine.call('connections.test', { id: saved.id, values: { privateKey: wrong.privateKey } });
      expect(bad).toMatchObject({ ok: false, code: 'auth_failed', message: expect.stringContaining('Step 2 of 3') });

      const doc: WorkflowDocInput = {
        name: 'Vendors by spend',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          {
            id: 'spend',
            kind: 'netsuite_suiteql',
            config: {
              connectionId: saved.id,
              query: "SELECT BUILTIN.DF(t.entity) AS vendor, COUNT(DISTINCT t.id) AS orders, SUM(tl.foreignamount) AS spend FROM transaction t, transactionline tl WHERE tl.transaction = t.id AND tl.mainline = 'F' AND t.id >= ? GROUP BY t.entity ORDER BY spend DESC",
              params: '{{ trigger.input.fromId }}',
              pageSize: 2,
            },
          },
        ],
        edges: [{ id: 'e1', from: 'trigger', to: 'spend', port: 'out' }],
      };
      const run = await engine.call('runs.start', { doc, input: { fromId: 1000 }, wait: true });
      expect(run.status).toBe('succeeded');
      const steps = await engine.call('runs.steps', { runId: run.id });
      const out = steps.find((s) => s.blockId === 'spend')?.output as { rows: Array<{ vendor: string; orders: number; spend: number }>; columns: unknown };
      expect(out.rows.reduce((n, r) => n + r.orders, 0)).toBe(15);
      expect(out.columns).toEqual([{ name: 'vendor', type: 'string' }, { name: 'orders', type: 'integer' }, { name: 'spend', type: 'number' }]);
      const spends = out.rows.map((r) => r.spend);
      expect(spends).toEqual([...spends].sort((a, b) => b - a));
      const everything = JSON.stringify({ ok, bad, run, steps });
      for (const line of keys.privateKey.split('\n').slice(1, 3)) expect(everything).not.toContain(line);
      // The simulator's access tokens all start with this JWT header.
      expect(everything).not.toContain(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'sim' })).toString('base64url'));
    });
  });
});
