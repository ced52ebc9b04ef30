import { join } from 'node:path';
import { UpgradeService } from '../../installations/upgrade';
import { receivePublication } from '../../publish/receive';
import { Servers, testServer } from '../../publish/servers';
import { loadServerKey } from '../../secrets/server-key';
import { PublicationsStore } from '../../storage/publications-store';
import type { EngineContext } from '../context';
import { publishToServer } from '../publish-to-server';
import type { Handlers } from './types';

type ServerMethods = 'servers.list' | 'servers.save' | 'servers.delete' | 'servers.test' | 'servers.publish' | 'publications.list' | 'publications.takeBack' | 'publish.serverKey' | 'publish.receive';

/** Beside the master key (secrets.key): made on the first call, kept across restarts. */
export const serverKeyPath = (dataDir: string): string => join(dataDir, 'server-key.pem');

const servers = (ctx: EngineContext): Servers => new Servers(ctx.database, ctx.box);

export const serverHandlers: Handlers<ServerMethods> = {
  'servers.list': (ctx) => servers(ctx).list(),
  'servers.save': (ctx, args) => servers(ctx).save(args),
  'servers.delete': async (ctx, { id }) => ({ deleted: await servers(ctx).delete(id) }),
  'servers.test': async (ctx, { id }) => testServer(await servers(ctx).client(id)),
  'servers.publish': async (ctx, { serverId, integrationId }) => (await publishToServer(ctx, { serverId }, integrationId)).result,
  'publications.list': async (ctx) => {
    const store = new PublicationsStore(ctx.database);
    return { sent: await store.sent(), received: await store.received() };
  },
  'publications.takeBack': async (ctx, { installationId }) => {
    await ctx.repos.installations.get(installationId); // not_found for an id that is not here
    const takenBack = await new PublicationsStore(ctx.database).forgetSent(installationId);
    if (takenBack) await ctx.repos.activity.record(installationId, 'taken_back', {});
    return { takenBack };
  },
  'publish.serverKey': async (ctx) => {
    const { publicKey, fingerprint } = await loadServerKey(serverKeyPath(ctx.dataDir));
    return { publicKey, fingerprint };
  },
  'publish.receive': async (ctx, payload) => {
    const key = await loadServerKey(serverKeyPath(ctx.dataDir));
    const result = await receivePublication({
      database: ctx.database, repos: ctx.repos, connections: ctx.connections, secrets: ctx.secrets.secretValues(),
      upgrader: (tx, repos) => new UpgradeService(tx, repos, ctx.installations), upgrades: ctx.upgrades,
    }, key, payload, new Date().toISOString());
    await ctx.secrets.refresh();
    return result;
  },
};
