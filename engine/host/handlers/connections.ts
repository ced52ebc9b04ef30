import { testConnection } from '../../connections/test-connection';
import { connectorKinds } from '../../connectors/registry';
import type { Handlers } from './types';
import { assertConnectionEditableHere } from '../../publish/guard';

// Saving or deleting a connection changes which secrets the journal must hide.
export const connectionHandlers: Handlers<'connections.kinds' | 'connections.list' | 'connections.get' | 'connections.save' | 'connections.delete' | 'connections.test' | 'connections.hideResponseBodies'> = {
  'connections.kinds': () => connectorKinds(),
  'connections.list': (ctx, args) => ctx.connections.list(args),
  'connections.get': (ctx, { id }) => ctx.connections.get(id),
  'connections.save': async (ctx, args) => {
    if (args.id) await assertConnectionEditableHere(ctx.database, args.id);
    const saved = await ctx.connections.save(args);
    await ctx.secrets.refresh();
    return saved;
  },
  'connections.delete': async (ctx, { id }) => {
    await assertConnectionEditableHere(ctx.database, id);
    const deleted = await ctx.connections.delete(id);
    await ctx.secrets.refresh();
    return { deleted };
  },
  'connections.hideResponseBodies': async (ctx, { id, hide }) => {
    await assertConnectionEditableHere(ctx.database, id);
    return ctx.connections.setHideResponseBodies(id, hide);
  },
  'connections.test': (ctx, args) => testConnection(ctx.connections, args),
};
