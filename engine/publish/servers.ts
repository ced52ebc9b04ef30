import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerSummary } from '../api/methods/servers';
import { PatchbayError } from '../errors/patchbay-error';
import type { SecretBox } from '../secrets/envelope';
import { ServersStore, type ServerRow } from '../storage/servers-store';
import type { Tables } from '../storage/tables';
import { serverBaseUrl, ServerClient } from './server-client';

const keyContext = (id: string): string => `server:${id}:apiKey`;
const summary = ({ sealedApiKey: _key, ...row }: ServerRow): ServerSummary => row;

/**
 * Settings › Servers: the Patchbay servers this desktop publishes to. The API key is sealed with
 * the desktop's master key as a connection's secrets are, and never leaves except in the
 * Authorization header of a call to that server.
 */
export class Servers {
  private readonly store: ServersStore;

  constructor(database: Kysely<Tables>, private readonly box: SecretBox) {
    this.store = new ServersStore(database);
  }

  async list(): Promise<ServerSummary[]> {
    return (await this.store.list()).map(summary);
  }

  async save(args: { id?: string | undefined; name: string; url: string; apiKey?: string | undefined }): Promise<ServerSummary> {
    const url = serverBaseUrl(args.url).href;
    const existing = args.id ? await this.store.get(args.id) : null;
    if (args.id && !existing) throw new PatchbayError('not_found', 'That server is no longer in Settings › Servers; add it again.', { id: args.id });
    if (!existing && !args.apiKey) throw new PatchbayError('bad_request', 'Enter the API key the server gave you (`patchbay apikeys create --name <who>` on the server).');
    // A saved key goes only to the server it was entered for: a new address needs it typed again.
    if (existing && !args.apiKey && new URL(existing.url).origin !== new URL(url).origin) {
      throw new PatchbayError('bad_request', "Enter the API key again when the server's address changes: a saved key is sent only to the address it was entered for.");
    }
    const id = existing?.id ?? randomUUID();
    const now = new Date().toISOString();
    const row: ServerRow = {
      id, name: args.name, url,
      sealedApiKey: args.apiKey ? this.box.encrypt(args.apiKey, keyContext(id)) : (existing as ServerRow).sealedApiKey,
      createdAt: existing?.createdAt ?? now, updatedAt: now,
    };
    await this.store.upsert(row);
    return summary(row);
  }

  async delete(id: string): Promise<boolean> {
    return this.store.delete(id);
  }

  /** A client for the server, its key opened for this call only. */
  async client(id: string): Promise<ServerClient> {
    const row = await this.store.get(id);
    if (!row) throw new PatchbayError('not_found', 'That server is no longer in Settings › Servers; add it again.', { id });
    return new ServerClient(row.url, this.box.decrypt(row.sealedApiKey, keyContext(row.id)));
  }
}

/** The Test button: the server answers, accepts the key, and serves a key to seal secrets for. */
export async function testServer(client: ServerClient): Promise<{ ok: boolean; message: string; keyName?: string; fingerprint?: string }> {
  try {
    const who = await client.whoAmI();
    const key = await client.call('publish.serverKey', {});
    return { ok: true, message: `Connected: the server accepts the key "${who.name}" (server key ${key.fingerprint}).`, keyName: who.name, fingerprint: key.fingerprint };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
