import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../engine/host/cli/command';
import { main } from '../../engine/host/cli/main';
import { createEngine } from '../../engine/host/engine';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../../engine/simulators/your-app';
import { testDatabase } from '../../engine/testing/temp-engine';

// `patchbay run --bundle` as CI would use it: the Order Sync bundle, credentials from environment
// variables named in an installation config file, a throwaway data folder, the run as JSON on
// stdout and the exit code telling success from failure. Real simulators on loopback.

let dir = '';
let netsuite: NetSuiteSimulator;
let yourApp: YourAppSimulator;
const account = demoAccountSpec({ orders: 12 });
let env: Record<string, string> = {};

async function cli(argv: string[], extraEnv: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env: { ...env, ...extraEnv } };
  const code = await main(argv, io);
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'patchbay-bundle-run-'));
  netsuite = await startNetSuiteSimulator({ accounts: [account] });
  yourApp = await startYourAppSimulator({});
  // The vendor's engine, whose bundles are exported, is on the run's dialect; `patchbay run --bundle`
  // itself always runs on a throwaway SQLite data folder (a CI one-shot has no server database).
  const vendorDb = await testDatabase();
  const engine = await createEngine({ dataDir: join(dir, 'vendor'), resume: false, ...vendorDb.option });
  try {
    const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
    await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
    const exported = await engine.call('bundles.export', { integrationIds: [integration.id] });
    writeFileSync(join(dir, 'order-sync.patchbay'), Buffer.from(exported.base64, 'base64'));

    // Acme's user-specific version of the backfill, without the Stop block, in a second bundle.
    const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' });
    const ns = await engine.call('connections.save', { name: 'Acme NetSuite', kind: 'netsuite', values: { accountId: account.accountId, baseUrl: netsuite.url, consumerKey: account.consumerKey, consumerSecret: account.consumerSecret, tokenId: account.tokenId, tokenSecret: account.tokenSecret } });
    const app = await engine.call('connections.save', { name: 'Your App', kind: 'your_app', values: { baseUrl: yourApp.url, apiKey: yourApp.apiKey } });
    await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: ns.id });
    await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: app.id });
    await engine.call('installations.install', { id: inst.id, wait: true });
    const historical = integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string;
    const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId: historical });
    await engine.call('userVersions.save', {
      id: userVersion.id, baseRev: userVersion.rev,
      doc: {
        ...userVersion.doc,
        blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
        edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
      },
    });
    const withAcme = await engine.call('bundles.export', { integrationIds: [integration.id], userVersionIds: [userVersion.id] });
    writeFileSync(join(dir, 'order-sync-acme.patchbay'), Buffer.from(withAcme.base64, 'base64'));

    // A workflow of its own that names its connection by id.
    const lone = await engine.call('workflows.create', {
      name: 'Count orders',
      doc: {
        name: 'Count orders',
        blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'orders', kind: 'http_request', config: { method: 'GET', url: '/orders', connectionId: 'shop' } }],
        edges: [{ id: 'e', from: 'trigger', to: 'orders', port: 'out' }],
      },
    });
    const loneBundle = await engine.call('bundles.export', { workflowIds: [lone.id] });
    writeFileSync(join(dir, 'count.patchbay'), Buffer.from(loneBundle.base64, 'base64'));
  } finally {
    await engine.close();
    await vendorDb.drop();
  }
  env = { NS_CONSUMER_KEY: account.consumerKey, NS_CONSUMER_SECRET: account.consumerSecret, NS_TOKEN_ID: account.tokenId, NS_TOKEN_SECRET: account.tokenSecret, YOUR_APP_KEY: yourApp.apiKey };
  writeFileSync(join(dir, 'acme.json'), JSON.stringify({
    customerName: 'Acme Corp',
    connections: {
      netsuite: {
        kind: 'netsuite',
        values: {
          accountId: account.accountId, baseUrl: netsuite.url,
          consumerKey: { env: 'NS_CONSUMER_KEY' }, consumerSecret: { env: 'NS_CONSUMER_SECRET' }, tokenId: { env: 'NS_TOKEN_ID' }, tokenSecret: { env: 'NS_TOKEN_SECRET' },
        },
      },
      your_app: { kind: 'your_app', values: { baseUrl: yourApp.url, apiKey: { env: 'YOUR_APP_KEY' } } },
    },
  }));
});
afterAll(async () => {
  await Promise.all([netsuite.close(), yourApp.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('patchbay run --bundle', () => {
  it('runs the Order Sync listener against the simulators, printing the run as JSON without the credentials', async () => {
    const result = await cli(['run', '--bundle', 'order-sync.patchbay', '--workflow', 'Listen for New and Updated Orders', '--installation-config', 'acme.json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as { run: { status: string }; steps: { blockId: string; status: string }[] };
    expect(printed.run.status).toBe('succeeded');
    expect(printed.steps.filter((s) => s.blockId === 'post_order' && s.status === 'succeeded')).toHaveLength(12);
    expect(yourApp.stats().ordersReceived).toBe(12);
    for (const secret of Object.values(env)) expect(result.out).not.toContain(secret);
  });

  it('runs from an unpacked folder on a given data folder, and exits non-zero when the run fails', async () => {
    expect((await cli(['bundle', 'unpack', 'order-sync.patchbay', 'order-sync'])).code).toBe(0);
    const wrongKey = await cli(['run', '--bundle', 'order-sync', '--workflow', 'listen for new and updated orders', '--installation-config', 'acme.json', '--data-dir', 'kept'], { NS_TOKEN_SECRET: 'f'.repeat(64) });
    expect(wrongKey.code).toBe(1);
    expect((JSON.parse(wrongKey.out) as { run: { status: string } }).run.status).toBe('failed');
  });

  it("runs the customer's user-specific version when the bundle carries it, the base version otherwise", async () => {
    const before = yourApp.stats().ordersReceived;
    const base = await cli(['run', '--bundle', 'order-sync.patchbay', '--workflow', 'Fetch Historical Orders', '--installation-config', 'acme.json']);
    expect(JSON.parse(base.out)).toMatchObject({ run: { status: 'stopped' } });
    expect(yourApp.stats().ordersReceived).toBe(before);
    const acme = await cli(['run', '--bundle', 'order-sync-acme.patchbay', '--workflow', 'Fetch Historical Orders', '--installation-config', 'acme.json']);
    expect(acme.code).toBe(0);
    expect(JSON.parse(acme.out)).toMatchObject({ run: { status: 'succeeded' } });
    expect(yourApp.stats().ordersReceived).toBe(before + 12);
  });

  it('runs a workflow of its own, its connection named by id in the config', async () => {
    writeFileSync(join(dir, 'shop.json'), JSON.stringify({ connections: { shop: { kind: 'your_app', values: { baseUrl: yourApp.url, apiKey: { env: 'YOUR_APP_KEY' } } } } }));
    const result = await cli(['run', '--bundle', 'count.patchbay', '--workflow', 'Count orders', '--installation-config', 'shop.json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as { run: { status: string }; steps: { blockId: string; output: { status: number } }[] };
    expect(printed.run.status).toBe('succeeded');
    expect(printed.steps.find((s) => s.blockId === 'orders')?.output.status).toBe(200);
  });

  it('says which environment variable is missing, and which workflows the bundle has', async () => {
    const missing = await cli(['run', '--bundle', 'order-sync.patchbay', '--workflow', 'Write Back Tracking Number', '--installation-config', 'acme.json'], { YOUR_APP_KEY: '' });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err)).toMatchObject({ code: 'connection_missing', message: expect.stringContaining('YOUR_APP_KEY') });
    const unknown = await cli(['run', '--bundle', 'order-sync.patchbay', '--workflow', 'Nope']);
    expect(JSON.parse(unknown.err)).toMatchObject({ code: 'not_found', message: expect.stringContaining('Fetch Historical Orders') });
  });
});
