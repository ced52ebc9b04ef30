import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NetSuiteClient } from '../../connectors/netsuite/client';
import type { CliIo } from './command';
import { parseFaultRates, runSimulator } from './simulator';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function io(cwd = process.cwd()): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => out.push(t), stderr: () => undefined, cwd, env: {} };
}

async function firstLine(o: { out: string[] }): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200 && o.out.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  return JSON.parse(o.out[0] ?? 'null') as Record<string, unknown>;
}

describe('patchbay simulator', () => {
  it('netsuite: prints demo credentials that a client can use, and stops on the signal', async () => {
    const stop = new AbortController();
    const o = io();
    const done = runSimulator(['netsuite', '--latency-ms', '0'], o, stop.signal);
    const info = (await firstLine(o)) as { url: string; accounts: Array<Record<string, string>> };
    const a = info.accounts[0] as Record<string, string>;
    const client = new NetSuiteClient({ accountId: a.accountId as string, consumerKey: a.consumerKey as string, consumerSecret: a.consumerSecret as string, tokenId: a.tokenId as string, tokenSecret: a.tokenSecret as string, baseUrl: info.url });
    expect((await client.test()).purchaseOrders).toBe(250);
    stop.abort();
    expect(await done).toBe(0);
  });

  it('netsuite: serves the accounts from --accounts, with their profile', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-sim-'));
    await writeFile(join(dir, 'accounts.json'), JSON.stringify([{ accountId: '321_SB1', consumerKey: 'a', consumerSecret: 'b', tokenId: 'c', tokenSecret: 'd', orders: 7, seed: 1, profile: 'legacy' }]));
    const stop = new AbortController();
    const o = io(dir);
    const done = runSimulator(['netsuite', '--accounts', 'accounts.json'], o, stop.signal);
    const info = (await firstLine(o)) as { url: string };
    const client = new NetSuiteClient({ accountId: '321_SB1', consumerKey: 'a', consumerSecret: 'b', tokenId: 'c', tokenSecret: 'd', baseUrl: info.url });
    expect((await client.customFields()).map((f) => f.id)).toContain('custbody2');
    expect((await client.test()).purchaseOrders).toBe(7);
    stop.abort();
    await done;
  });

  it('netsuite: maps --m2m-public-key to the demo account for OAuth 2.0 client credentials', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-sim-'));
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    await writeFile(join(dir, 'pub.pem'), keys.publicKey);
    const stop = new AbortController();
    const o = io(dir);
    const done = runSimulator(['netsuite', '--m2m-public-key', 'pub.pem'], o, stop.signal);
    const info = (await firstLine(o)) as { url: string; accounts: Array<{ accountId: string; oauth2: { clientId: string; certificates: Array<{ id: string }> } }> };
    const a = info.accounts[0];
    expect(a?.oauth2).toMatchObject({ clientId: 'patchbay-demo-client', certificates: [{ id: 'demo-cert-1' }] });
    const client = new NetSuiteClient({ accountId: a?.accountId ?? '', authMode: 'oauth2', clientId: 'patchbay-demo-client', certificateId: 'demo-cert-1', privateKey: keys.privateKey, baseUrl: info.url });
    expect((await client.test()).purchaseOrders).toBe(250);
    stop.abort();
    await done;
    await expect(runSimulator(['netsuite', '--m2m-public-key', 'pub.pem'], io(dir), AbortSignal.abort())).resolves.toBe(0);
    await writeFile(join(dir, 'key.pem'), keys.privateKey);
    await expect(runSimulator(['netsuite', '--m2m-public-key', 'key.pem'], io(dir), AbortSignal.abort())).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('your-app: prints its URL and API key', async () => {
    const stop = new AbortController();
    const o = io();
    const done = runSimulator(['your-app', '--api-key', 'demo-key'], o, stop.signal);
    const info = (await firstLine(o)) as { url: string; apiKey: string };
    expect(info.apiKey).toBe('demo-key');
    expect((await fetch(`${info.url}/stats`, { headers: { Authorization: 'Bearer demo-key' } })).status).toBe(200);
    stop.abort();
    await done;
  });

  it('refuses bad flags with bad_request', async () => {
    expect(parseFaultRates('429=0.1,500=0.02')).toEqual({ '429': 0.1, '500': 0.02 });
    expect(() => parseFaultRates('429=2')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    await expect(runSimulator(['mainframe'], io(), new AbortController().signal)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
