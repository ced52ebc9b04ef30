import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishPayload } from '../../engine/api/methods/servers';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import type { CliIo } from '../../engine/host/cli/command';
import { publishCommand } from '../../engine/host/cli/publish';
import { desktopName } from '../../engine/host/publish-to-server';
import { createEngine, type Engine } from '../../engine/host/engine';
import { collectPublication } from '../../engine/publish/collect';
import { ServerClient } from '../../engine/publish/server-client';
import { fingerprintOf } from '../../engine/secrets/server-seal';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../../engine/simulators/your-app';
import { startTestServer, tempDir, testDatabase, type TestEngineDatabase, type TestServer } from '../../engine/testing/temp-engine';

// Publishing from a desktop to a Patchbay server: two real engines, the server behind the real
// bridge with --auth api-keys on loopback, a recording proxy between them (every HTTP body both
// ways), and the NetSuite simulator the published connection must still reach from the server.

const account = demoAccountSpec({ orders: 3 });
const desktopDir = tempDir('patchbay-desktop-');
const serverDir = tempDir('patchbay-server-');
// The desktop keeps its SQLite file; the server is on PostgreSQL in the PostgreSQL run, as in production.
let serverDb: TestEngineDatabase | undefined;
let netsuite: NetSuiteSimulator;
let yourApp: YourAppSimulator;
let server: Bridge;
let desktop: Engine;
let proxy: TestServer;
const bodies: string[] = [];
let apiKey = '';
let serverId = '';
let integrationId = '';

async function serverState(): Promise<unknown> {
  const e = server.engine;
  return {
    integrations: await e.call('integrations.list', {}),
    installations: await e.call('installations.list', {}),
    connections: await e.call('connections.list', {}),
    received: (await e.call('publications.list', {})).received,
  };
}

async function installCustomer(customerName: string, forIntegration = integrationId): Promise<string> {
  const ns = await desktop.call('connections.save', { name: `${customerName} NetSuite`, kind: 'netsuite', values: { accountId: account.accountId, baseUrl: netsuite.url, consumerKey: account.consumerKey, consumerSecret: account.consumerSecret, tokenId: account.tokenId, tokenSecret: account.tokenSecret } });
  const app = await desktop.call('connections.save', { name: `${customerName} Your App`, kind: 'your_app', values: { baseUrl: yourApp.url, apiKey: yourApp.apiKey } });
  const inst = await desktop.call('installations.create', { integrationId: forIntegration, customerName, config: { region: 'eu' } });
  await desktop.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: ns.id });
  await desktop.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: app.id });
  await desktop.call('installations.install', { id: inst.id, wait: true });
  return inst.id;
}

beforeAll(async () => {
  netsuite = await startNetSuiteSimulator({ accounts: [account] });
  yourApp = await startYourAppSimulator({});
  serverDb = await testDatabase();
  server = await startBridge({ dataDir: serverDir.path, ...serverDb.option, auth: 'api-keys' });
  apiKey = (await server.engine.call('apiKeys.create', { name: 'ana-desktop' })).key;
  proxy = await startTestServer((req, body, res) => {
    bodies.push(body);
    void fetch(`http://127.0.0.1:${server.port}${req.url ?? '/'}`, {
      method: req.method ?? 'GET', headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' }, ...(req.method === 'POST' ? { body } : {}),
    }).then(async (answer) => {
      const text = await answer.text();
      bodies.push(text);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  desktop = await createEngine({ dataDir: desktopDir.path, resume: false });
  const integration = await desktop.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  integrationId = integration.id;
  await desktop.call('integrations.release', { id: integrationId, notes: 'v1' });
  const acme = await installCustomer('Acme Corp');
  const historical = integration.workflows.find((w) => w.name === 'Fetch Historical Orders')?.id as string;
  await desktop.call('userVersions.create', { installationId: acme, workflowId: historical });
  serverId = (await desktop.call('servers.save', { name: 'Production', url: proxy.url, apiKey })).id;
}, 60_000);

afterAll(async () => {
  await desktop?.close();
  await server?.close();
  await proxy?.close();
  await netsuite?.close();
  await yourApp?.close();
  await serverDb?.drop();
  desktopDir.remove();
  serverDir.remove();
});

describe('publishing an integration from the desktop to a server', () => {
  it('keeps the API key out of every answer and tests the server with it', async () => {
    const listed = await desktop.call('servers.list', {});
    expect(listed).toEqual([expect.objectContaining({ id: serverId, name: 'Production', url: `${proxy.url}/` })]);
    expect(JSON.stringify(listed)).not.toContain(apiKey);
    const test = await desktop.call('servers.test', { id: serverId });
    expect(test).toMatchObject({ ok: true, keyName: 'ana-desktop' });

    const wrong = await desktop.call('servers.save', { name: 'Wrong key', url: proxy.url, apiKey: `${apiKey.slice(0, -4)}AAAA` });
    const refused = await desktop.call('servers.test', { id: wrong.id });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/not an API key this server issued/);
    // A saved key is never sent to a new address without being typed again.
    await expect(desktop.call('servers.save', { id: wrong.id, name: 'Wrong key', url: 'https://elsewhere.example.com' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/API key again/) as unknown });
    await desktop.call('servers.delete', { id: wrong.id });
  });

  it('brings releases, the installation, its user-specific version and working connections to the server, sealed on the way', async () => {
    const result = await desktop.call('servers.publish', { serverId, integrationId });
    expect(result.installations.map((i) => i.customerName)).toEqual(['Acme Corp']);
    expect(result.connections).toBe(2);

    const [acme] = await server.engine.call('installations.list', {});
    // Installed, pinned to v1, customised, and not running on the server until someone activates it there.
    expect(acme).toMatchObject({ customerName: 'Acme Corp', status: 'installed', lifecycle: 'configuring', version: 1, customised: true });
    const detail = await server.engine.call('installations.get', { id: acme?.id as string });
    expect(detail.config).toEqual({ region: 'eu' });
    const nsId = detail.connections.find((c) => c.key === 'netsuite')?.connectionId as string;
    // The secret works on the server: a real signed request to the NetSuite simulator succeeds.
    expect(await server.engine.call('connections.test', { id: nsId })).toMatchObject({ ok: true });

    for (const secret of [account.tokenSecret, account.consumerSecret, yourApp.apiKey, apiKey]) {
      expect(bodies.some((b) => b.includes(secret))).toBe(false);
    }
    expect(bodies.some((b) => b.includes('pbs1:'))).toBe(true);

    const { sent } = await desktop.call('publications.list', {});
    expect(sent).toEqual([expect.objectContaining({ installationId: acme?.id, serverName: 'Production', publishedAt: result.publishedAt })]);
    const { received } = await server.engine.call('publications.list', {});
    // The server names the desktop that manages what it published; its activity log, the key that signed it.
    expect(received).toEqual([expect.objectContaining({ installationId: acme?.id, publishedBy: expect.stringContaining('@') as unknown })]);
    // Each side names the other end ("Published to Production", "Published from ana@laptop") at the same instant, the server's.
    expect(received[0]?.publishedAt).toBe(sent[0]?.publishedAt);
    expect(received[0]?.publishedBy).toBe(desktopName());
    const published = (await server.engine.call('installations.activity', { id: acme?.id as string })).filter((a) => a.action === 'published');
    expect(published).toEqual([expect.objectContaining({ actor: 'ana-desktop', details: { publishedBy: 'ana-desktop', desktop: expect.stringContaining('@') as unknown } })]);
  });

  it('publishing again updates what is there: one copy, same ids, the new settings', async () => {
    const [before] = await server.engine.call('installations.list', {});
    const acmeId = before?.id as string;
    const onDesktop = await desktop.call('installations.get', { id: acmeId });
    await desktop.call('installations.setConfig', { id: acmeId, config: { region: 'us' } });
    await desktop.call('servers.publish', { serverId, integrationId });
    await desktop.call('servers.publish', { serverId, integrationId });
    const installations = await server.engine.call('installations.list', {});
    expect(installations.map((i) => i.id)).toEqual([acmeId]);
    expect((await server.engine.call('installations.get', { id: acmeId })).config).toEqual({ region: 'us' });
    expect(await server.engine.call('integrations.list', {})).toHaveLength(1);
    expect((await server.engine.call('connections.list', {})).map((c) => c.id).sort()).toEqual(onDesktop.connections.map((c) => c.connectionId).sort());
    await desktop.call('installations.setConfig', { id: acmeId, config: { region: 'eu' } });
  });

  it('refuses a payload sealed for another key, or altered on the way, and leaves the server as it was', async () => {
    await installCustomer('Globex');
    const before = await serverState();
    const client = new ServerClient(`http://127.0.0.1:${server.port}`, apiKey);
    const ctx = desktop.context;
    const collect = (serverKey: { publicKey: string; fingerprint: string }): Promise<PublishPayload> =>
      collectPublication({ repos: ctx.repos, connections: ctx.connections, database: ctx.database }, { integrationId, serverKey, publishedBy: 'mallory@elsewhere', secrets: ctx.secrets.secretValues() });

    // The server was reset: the desktop sealed for the key it had before.
    const oldKey = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const staleKey = await collect({ publicKey: oldKey, fingerprint: fingerprintOf(oldKey) });
    await expect(client.call('publish.receive', staleKey)).rejects.toMatchObject({ code: 'publish_sealed_unreadable', message: expect.stringMatching(/fetch the server's key again and publish again/) as unknown });
    // Sealed for the old key but claiming the current one: opening fails all the same.
    const currentKey = await client.call('publish.serverKey', {});
    await expect(client.call('publish.receive', { ...staleKey, sealedFor: currentKey.fingerprint })).rejects.toMatchObject({ code: 'publish_sealed_unreadable' });

    // Sealed for the right key, one byte of one secret changed on the way.
    const good = await collect(currentKey);
    const [first, ...rest] = good.connections;
    const [field, sealed] = Object.entries(first?.sealed ?? {})[0] as [string, string];
    const flipped = `${sealed.slice(0, -6)}${sealed.slice(-6, -5) === 'A' ? 'B' : 'A'}${sealed.slice(-5)}`;
    const tampered = { ...good, connections: [{ ...first, sealed: { ...first?.sealed, [field]: flipped } }, ...rest] } as PublishPayload;
    await expect(client.call('publish.receive', tampered)).rejects.toMatchObject({ code: 'publish_sealed_unreadable' });

    // Opened fine, but a connection cannot be stored (its kind differs from the one already there)
    // after the bundle was imported: the whole publication is rolled back.
    const clash = { ...good, connections: good.connections.map((c) => (c.kind === 'netsuite' && c.name.startsWith('Acme') ? { ...c, kind: 'your_app' as const } : c)) };
    await expect(client.call('publish.receive', clash)).rejects.toMatchObject({ code: 'invalid_connection' });

    expect(await serverState()).toEqual(before);
  });

  it('publishes from the CLI with the key from a file or PATCHBAY_API_KEY, never from an argument', async () => {
    const keyFile = join(desktopDir.path, 'server.key');
    writeFileSync(keyFile, `${apiKey}\n`, { mode: 0o600 });
    const name = (await desktop.call('integrations.get', { id: integrationId })).name;
    const run = publishFromCli;
    const published = await run(['--server', proxy.url, '--api-key-file', keyFile, name]);
    expect(published.code).toBe(0);
    expect(JSON.parse(published.out)).toMatchObject({ integration: { id: integrationId }, installations: [{ customerName: 'Acme Corp' }, { customerName: 'Globex' }] });
    expect(published.err).toMatch(/Installed but not active on the server: Acme Corp, Globex/);
    expect((await server.engine.call('installations.list', {})).map((i) => i.customerName)).toEqual(['Acme Corp', 'Globex']);
    expect(published.out + published.err).not.toContain(apiKey);

    expect((await run(['--server', proxy.url, integrationId], { PATCHBAY_API_KEY: apiKey })).code).toBe(0);
    await expect(run(['--server', proxy.url, '--api-key', apiKey, integrationId])).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/shell history/) as unknown });
    await expect(run(['--server', proxy.url, integrationId], { PATCHBAY_API_KEY: 'pb_000000000000_wrong' })).rejects.toMatchObject({ code: 'api_key_invalid' });
  });

  it('mirrors the desktop: an installation upgraded and rebased there moves to the new release here, and a reverted customisation is reverted', async () => {
    const acmeId = (await desktop.call('installations.list', {})).find((i) => i.customerName === 'Acme Corp')?.id as string;
    await desktop.call('integrations.release', { id: integrationId, notes: 'v2' });
    await desktop.call('installations.upgrade', { id: acmeId, wait: true });
    const upgraded = await desktop.call('installations.get', { id: acmeId });
    const customised = upgraded.workflows.find((w) => w.userVersion !== null);
    expect(customised?.userVersion?.ancestorVersion).toBe(2);

    await desktop.call('servers.publish', { serverId, integrationId });
    const onServer = await server.engine.call('installations.get', { id: acmeId });
    expect(onServer).toMatchObject({ version: 2, lifecycle: 'configuring', customised: true });
    expect(onServer.workflows.find((w) => w.workflowId === customised?.workflowId)?.userVersion).toMatchObject({ id: customised?.userVersion?.id, ancestorVersion: 2 });

    await desktop.call('userVersions.revert', { id: customised?.userVersion?.id as string });
    await desktop.call('servers.publish', { serverId, integrationId });
    expect(await server.engine.call('installations.get', { id: acmeId })).toMatchObject({ version: 2, customised: false });
  });
});


/** `patchbay publish` on the desktop's data folder, as a terminal or CI runs it. */
async function publishFromCli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: desktopDir.path, env };
  return { code: await publishCommand.run([...argv, '--data-dir', desktopDir.path], io), out, err };
}

/** The workflow state rows of an installation, as (workflow, key) → value. */
async function stateOf(engine: Engine, installationId: string): Promise<Record<string, unknown>> {
  const rows = await engine.context.database.selectFrom('workflow_state').selectAll().where('scope', 'like', `${installationId}:%`).execute();
  return Object.fromEntries(rows.map((r) => [`${r.scope.slice(installationId.length + 1)} ${r.key}`, JSON.parse(r.value) as unknown]));
}

describe('the desktop that publishes is the source of truth; an installation runs in one place', () => {
  let syncId = '';
  let initech = '';
  let wf: (name: string) => string = () => '';

  beforeAll(async () => {
    const integration = await desktop.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
    syncId = integration.id;
    wf = (name) => integration.workflows.find((w) => w.name === name)?.id as string;
    await desktop.call('integrations.addWorkflow', {
      id: syncId, name: 'Tell the customer',
      doc: { name: 'Tell the customer', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'upgrade' } }, { id: 'note', kind: 'log', config: { message: 'upgraded' } }], edges: [{ id: 'e', from: 'trigger', to: 'note', port: 'out' }] },
    });
    await desktop.call('integrations.release', { id: syncId, notes: 'v1' });
    initech = await installCustomer('Initech', syncId);
    // The reference story: the customer's backfill without its Stop block, and a customer mapping.
    const userVersion = await desktop.call('userVersions.create', { installationId: initech, workflowId: wf('Fetch Historical Orders') });
    await desktop.call('userVersions.save', {
      id: userVersion.id, baseRev: userVersion.rev,
      doc: {
        ...userVersion.doc,
        blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'),
        edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold').concat([{ id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' }]),
      },
    });
    const [shared] = await desktop.call('installationMappings.list', { installationId: initech });
    await desktop.call('installationMappings.create', { installationId: initech, mappingId: shared?.mappingId as string });
  }, 60_000);

  it('pauses an active installation on the desktop and carries its state, so the server does not replay the backfill', async () => {
    const activated = await desktop.call('installations.activate', { id: initech, wait: true });
    expect(activated.runs.map((r) => r.status)).toEqual(['succeeded']);
    const delivered = yourApp.stats().ordersReceived;
    expect(delivered).toBeGreaterThan(0);
    const desktopState = await stateOf(desktop, initech);
    expect(Object.keys(desktopState).some((k) => k.startsWith(wf('Listen for New and Updated Orders')))).toBe(true);

    const result = await desktop.call('servers.publish', { serverId, integrationId: syncId });
    expect(result.pausedOnDesktop).toEqual([{ id: initech, customerName: 'Initech' }]);
    expect(result.installations).toEqual([{ id: initech, customerName: 'Initech', lifecycle: 'configuring' }]);
    expect((await desktop.call('installations.get', { id: initech })).lifecycle).toBe('paused');

    // The desktop no longer runs it: activation and live runs name the server; test syncs still run here.
    await expect(desktop.call('installations.activate', { id: initech })).rejects.toMatchObject({ code: 'published_to_server', message: expect.stringContaining(`Production (${proxy.url}/)`) as unknown });
    await expect(desktop.call('installations.runWorkflow', { id: initech, workflowId: wf('Listen for New and Updated Orders'), mode: 'live', wait: true })).rejects.toMatchObject({ code: 'published_to_server' });
    expect((await desktop.call('installations.runWorkflow', { id: initech, workflowId: wf('Listen for New and Updated Orders'), mode: 'test', wait: true })).status).toBe('succeeded');

    // On the server: the watermarks as the desktop left them, the backfill done; activating starts no backfill.
    const carried = await stateOf(server.engine, initech);
    expect(carried).toMatchObject(desktopState);
    expect(await server.engine.call('installations.activationPreview', { id: initech })).toMatchObject({ ready: true, backfills: [] });
    const onServer = await server.engine.call('installations.activate', { id: initech, wait: true });
    expect(onServer.runs).toEqual([]);
    expect(yourApp.stats().ordersReceived).toBe(delivered);
    // The listener's first poll on the server delivers nothing the desktop already delivered.
    const poll = await server.engine.call('installations.runWorkflow', { id: initech, workflowId: wf('Listen for New and Updated Orders'), mode: 'live', wait: true });
    expect(poll.status).toBe('succeeded');
    expect(yourApp.stats().ordersReceived).toBe(delivered);

    // Publishing again says it is already running there, and leaves the server's newer watermark alone.
    const serverState = await stateOf(server.engine, initech);
    const again = await desktop.call('servers.publish', { serverId, integrationId: syncId });
    expect(again.installations).toEqual([{ id: initech, customerName: 'Initech', lifecycle: 'active' }]);
    expect(again.pausedOnDesktop).toEqual([]);
    expect(await stateOf(server.engine, initech)).toEqual(serverState);
  });

  it("refuses on the server to change what the desktop manages, naming the desktop, so publishing again overwrites nothing made there", async () => {
    const [{ publishedBy } = { publishedBy: '' }] = (await server.engine.call('publications.list', {})).received.filter((p) => p.installationId === initech);
    const managed = { code: 'published_from_desktop', message: expect.stringContaining(`change it on the desktop that published it (${publishedBy}) and publish again`) as unknown };
    const detail = await server.engine.call('installations.get', { id: initech });
    const userVersionId = detail.workflows.find((w) => w.userVersion !== null)?.userVersion?.id as string;
    const userVersion = await server.engine.call('userVersions.get', { id: userVersionId });
    await expect(server.engine.call('userVersions.save', { id: userVersionId, baseRev: userVersion.rev, doc: { ...userVersion.doc, name: 'Edited on the server' } })).rejects.toMatchObject(managed);
    await expect(server.engine.call('userVersions.revert', { id: userVersionId })).rejects.toMatchObject(managed);
    await expect(server.engine.call('userVersions.create', { installationId: initech, workflowId: wf('Listen for New and Updated Orders') })).rejects.toMatchObject(managed);
    const [mapping] = await server.engine.call('installationMappings.list', { installationId: initech });
    const custom = await server.engine.call('installationMappings.get', { id: mapping?.custom?.id as string });
    await expect(server.engine.call('installationMappings.save', { id: custom.id, baseRev: custom.rev, rules: custom.doc.rules.slice(1) })).rejects.toMatchObject(managed);
    await expect(server.engine.call('integrations.release', { id: syncId, notes: 'made on the server' })).rejects.toMatchObject(managed);
    await expect(server.engine.call('installations.upgrade', { id: initech })).rejects.toMatchObject(managed);
    // Its settings, which connection fills which slot, and those connections' credentials: publishing again would put the desktop's back.
    await expect(server.engine.call('installations.setConfig', { id: initech, config: { region: 'us' } })).rejects.toMatchObject(managed);
    await expect(server.engine.call('installations.setConnection', { id: initech, key: 'netsuite', connectionId: 'demo-netsuite' })).rejects.toMatchObject(managed);
    const nsId = detail.connections.find((c) => c.key === 'netsuite')?.connectionId as string;
    const ns = await server.engine.call('connections.get', { id: nsId });
    await expect(server.engine.call('connections.save', { id: nsId, name: 'Rotated on the server', kind: 'netsuite', values: {} })).rejects.toMatchObject({ ...managed, message: expect.stringMatching(/^This connection was published from a desktop/) as unknown });
    await expect(server.engine.call('connections.hideResponseBodies', { id: nsId, hide: !ns.hideResponseBodies })).rejects.toMatchObject(managed);
    await expect(server.engine.call('connections.delete', { id: nsId })).rejects.toMatchObject(managed);
    // Uninstalled here, it would be installed again by the next publication: pause it instead.
    await expect(server.engine.call('installations.uninstall', { id: initech })).rejects.toMatchObject(managed);
    // Activation, pause and runs stay on the server.
    expect((await server.engine.call('installations.pause', { id: initech })).lifecycle).toBe('paused');
    expect((await server.engine.call('installations.activate', { id: initech, wait: true })).installation.lifecycle).toBe('active');

    await desktop.call('servers.publish', { serverId, integrationId: syncId });
    expect((await server.engine.call('userVersions.get', { id: userVersionId })).rev).toBe(userVersion.rev);
    expect((await server.engine.call('installationMappings.get', { id: custom.id })).doc.rules).toHaveLength(custom.doc.rules.length);
    expect(await server.engine.call('installations.get', { id: initech })).toMatchObject({ status: 'installed', config: detail.config, connections: detail.connections });
    expect(await server.engine.call('connections.get', { id: nsId })).toEqual({ ...ns, updatedAt: expect.any(String) as unknown });
  });

  it('moves a republished installation to the new release through the server upgrade, running on-upgrade workflows only there', async () => {
    await desktop.call('integrations.release', { id: syncId, notes: 'v2' });
    const upgraded = await desktop.call('installations.upgrade', { id: initech, wait: true });
    // Published, it runs on the server: its on-upgrade workflow does not run on the desktop.
    expect(upgraded.runs).toEqual([]);

    const result = await desktop.call('servers.publish', { serverId, integrationId: syncId });
    expect(result.installations).toEqual([{ id: initech, customerName: 'Initech', lifecycle: 'active' }]);
    expect(await server.engine.call('installations.get', { id: initech })).toMatchObject({ version: 2, lifecycle: 'active', customised: true });
    const activity = await server.engine.call('installations.activity', { id: initech });
    expect(activity.map((a) => a.action)).toContain('upgraded');
    const runs = await server.engine.call('installations.runs', { id: initech });
    expect(runs.filter((r) => r.workflowName === 'Tell the customer').map((r) => r.mode)).toEqual(['live']);
    expect((await desktop.call('installations.runs', { id: initech })).filter((r) => r.workflowName === 'Tell the customer')).toEqual([]);
  });

  it('takes an installation back: the desktop may run it again (the server is not told)', async () => {
    await server.engine.call('installations.pause', { id: initech });
    expect(await desktop.call('publications.takeBack', { installationId: initech })).toEqual({ takenBack: true });
    expect((await desktop.call('publications.list', {})).sent.filter((p) => p.installationId === initech)).toEqual([]);
    const activated = await desktop.call('installations.activate', { id: initech, wait: true });
    expect(activated.installation.lifecycle).toBe('active');
    expect(activated.runs).toEqual([]);
    await desktop.call('installations.pause', { id: initech });
  });
});

describe('an integration published before any customer is installed', () => {
  it('is protected on the server as one with installations is, so publishing its next release does not clash', async () => {
    const integration = await desktop.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync', name: 'Order Sync (no customers yet)' });
    await desktop.call('integrations.release', { id: integration.id, notes: 'v1' });
    const result = await desktop.call('servers.publish', { serverId, integrationId: integration.id });
    expect(result).toMatchObject({ releases: 1, installations: [] });
    const [{ publishedBy } = { publishedBy: '' }] = (await server.engine.call('publications.list', {})).received;
    const managed = { code: 'published_from_desktop', message: expect.stringContaining(`change it on the desktop that published it (${publishedBy}) and publish again`) as unknown };

    await expect(server.engine.call('integrations.release', { id: integration.id, notes: 'made on the server' })).rejects.toMatchObject({ message: expect.stringMatching(/^This integration was published from a desktop/) as unknown });
    await expect(server.engine.call('integrations.release', { id: integration.id, notes: 'made on the server' })).rejects.toMatchObject(managed);
    const draft = await server.engine.call('workflows.get', { id: integration.workflows[0]?.id as string });
    await expect(server.engine.call('workflows.save', { id: draft.id, baseRev: draft.rev, doc: { ...draft.doc, notes: 'edited on the server' } })).rejects.toMatchObject(managed);
    await expect(server.engine.call('workflows.rename', { id: draft.id, name: 'Renamed on the server' })).rejects.toMatchObject(managed);
    await expect(server.engine.call('integrations.addWorkflow', { id: integration.id, name: 'Added on the server' })).rejects.toMatchObject(managed);
    const [mapping] = await server.engine.call('mappings.list', { integrationId: integration.id });
    await expect(server.engine.call('mappings.save', { id: mapping?.id as string, baseRev: mapping?.rev as number, rules: [] })).rejects.toMatchObject(managed);
    await expect(server.engine.call('mappings.create', { integrationId: integration.id, name: 'Server mapping', rules: [] })).rejects.toMatchObject(managed);
    // The list of received publications still names installations only.
    expect((await server.engine.call('publications.list', {})).received.map((p) => p.installationId)).not.toContain(integration.id);

    await desktop.call('integrations.release', { id: integration.id, notes: 'v2' });
    expect(await desktop.call('servers.publish', { serverId, integrationId: integration.id })).toMatchObject({ releases: 2 });
    expect((await server.engine.call('integrations.releases', { id: integration.id })).map((r) => r.notes)).toEqual(expect.arrayContaining(['v1', 'v2']));
    expect((await server.engine.call('workflows.get', { id: draft.id })).rev).toBe(draft.rev);
  });
});

describe('servers the desktop cannot publish to', () => {
  it('refuses a server URL with a user name or password, without repeating it', async () => {
    const refused = desktop.call('servers.save', { name: 'With password', url: 'http://admin:hunter2@127.0.0.1:4813', apiKey });
    await expect(refused).rejects.toMatchObject({ code: 'server_url_credentials' });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('hunter2') as unknown });
    expect(JSON.stringify(await desktop.call('servers.list', {}))).not.toContain('hunter2');
  });

  it('refuses while a live run of an installation is going on the desktop, and leaves it active there', async () => {
    const small = await desktop.call('integrations.create', { name: 'Slow' });
    const slow = await desktop.call('integrations.addWorkflow', {
      id: small.id, name: 'Wait',
      doc: { name: 'Wait', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'wait', kind: 'delay', config: { ms: 600_000 } }], edges: [{ id: 'e', from: 'trigger', to: 'wait', port: 'out' }] },
    });
    await desktop.call('integrations.release', { id: small.id });
    const inst = await desktop.call('installations.create', { integrationId: small.id, customerName: 'Hooli' });
    await desktop.call('installations.install', { id: inst.id, wait: true });
    await desktop.call('installations.activate', { id: inst.id, wait: true });
    const run = await desktop.call('installations.runWorkflow', { id: inst.id, workflowId: slow.id, mode: 'live', wait: false });
    try {
      await expect(desktop.call('servers.publish', { serverId, integrationId: small.id })).rejects.toMatchObject({ code: 'publish_runs_in_progress', message: expect.stringContaining('wait for it to finish') as unknown });
      expect((await desktop.call('installations.get', { id: inst.id })).lifecycle).toBe('active');
      expect((await server.engine.call('integrations.list', {})).map((i) => i.id)).not.toContain(small.id);
    } finally {
      await desktop.call('runs.cancel', { id: run.id });
    }
  });

  it('says what to do with a publication larger than the server accepts in one request', async () => {
    const big = await desktop.call('integrations.create', { name: 'Big' });
    // Incompressible notes, so the zipped bundle stays larger than the bridge's 10 MB.
    for (const name of ['One', 'Two', 'Three']) {
      await desktop.call('integrations.addWorkflow', { id: big.id, name, doc: { name, notes: randomBytes(3 * 1024 * 1024).toString('base64'), blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }], edges: [] } });
    }
    const before = await server.engine.call('integrations.list', {});
    await expect(desktop.call('servers.publish', { serverId, integrationId: big.id })).rejects.toMatchObject({
      code: 'payload_too_large', message: expect.stringMatching(/^This publication is 1\d\.\d MB, more than the server accepts in one request \(.*10 MB.*\)\. Nothing was changed .* make the integration smaller .* or split it/) as unknown,
    });
    expect(await server.engine.call('integrations.list', {})).toEqual(before);
  });

  it('says how to start a Patchbay that takes no API keys', async () => {
    const plain = await startBridge({ dataDir: tempDir('patchbay-plain-').path });
    try {
      const saved = await desktop.call('servers.save', { name: 'Plain', url: `http://127.0.0.1:${plain.port}`, apiKey });
      await expect(desktop.call('servers.publish', { serverId: saved.id, integrationId })).rejects.toMatchObject({ code: 'server_without_api_keys', message: expect.stringContaining('patchbay server --auth api-keys') as unknown });
      await desktop.call('servers.delete', { id: saved.id });
    } finally {
      await plain.close();
    }
  });
});

describe('publishing from the CLI to a server the app does not know yet', () => {
  it('remembers the publication as the app does, so the desktop refuses to run the installation here', async () => {
    const integration = await desktop.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync', name: 'Order Sync (published from CI)' });
    await desktop.call('integrations.release', { id: integration.id, notes: 'v1' });
    const umbrella = await installCustomer('Umbrella', integration.id);
    // The server straight, not through the proxy Settings › Servers knows it by.
    const direct = `http://127.0.0.1:${server.port}`;

    const published = await publishFromCli(['--server', direct, integration.id], { PATCHBAY_API_KEY: apiKey });
    expect(published.code).toBe(0);
    const result = JSON.parse(published.out) as { publishedAt: string };
    expect(published.out + published.err).not.toContain(apiKey);

    // The customer syncs from one place: the desktop refuses to activate it or run it live.
    const refused = { code: 'published_to_server', message: expect.stringContaining(`127.0.0.1:${server.port} (${direct}/)`) as unknown };
    await expect(desktop.call('installations.activate', { id: umbrella })).rejects.toMatchObject(refused);
    const listener = integration.workflows.find((w) => w.name === 'Listen for New and Updated Orders')?.id as string;
    await expect(desktop.call('installations.runWorkflow', { id: umbrella, workflowId: listener, mode: 'live', wait: true })).rejects.toMatchObject(refused);

    // What the app records: the server in Settings › Servers, "Published to" it at the server's instant.
    const added = (await desktop.call('servers.list', {})).filter((s) => s.url === `${direct}/`);
    expect(added).toEqual([expect.objectContaining({ name: `127.0.0.1:${server.port}` })]);
    expect((await desktop.call('publications.list', {})).sent.filter((p) => p.installationId === umbrella))
      .toEqual([expect.objectContaining({ serverId: added[0]?.id, serverUrl: `${direct}/`, publishedAt: result.publishedAt })]);

    expect(published.err).toContain(`Added ${direct}/ to Settings › Servers as "127.0.0.1:${server.port}"`);
    // Publishing again from the CLI adds no second entry; the app can publish there with the key it sealed.
    expect((await publishFromCli(['--server', direct, integration.id], { PATCHBAY_API_KEY: apiKey })).code).toBe(0);
    expect((await desktop.call('servers.list', {})).filter((s) => s.url === `${direct}/`)).toHaveLength(1);
    expect(await desktop.call('servers.publish', { serverId: added[0]?.id as string, integrationId: integration.id })).toMatchObject({ installations: [{ id: umbrella }] });
  });
});
