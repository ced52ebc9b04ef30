import { testConnection } from '../../connections/test-connection';
import { connectorKinds } from '../../connectors/registry';
import type { Handlers } from './types';

// Saving or deleting a connection changes which secrets the journal must hide.
export const connectionHandlers: Handlers<'connections.kinds' | 'connections.list' | 'connections.get' | 'connections.save' | 'connections.delete' | 'connections.test' | 'connections.hideResponseBodies'> = {
  'connections.kinds': () => connectorKinds(),
  'connections.list': (ctx, args) => ctx.connections.list(args),
  'connections.get': (ctx, { id }) => ctx.connections.get(id),
  'connections.save': async (ctx, args) => {
    const saved = await ctx.connections.save(args);
    await ctx.secrets.refresh();
    return saved;
  },
  'connections.delete': async (ctx, { id }) => {
    const deleted = await ctx.connections.delete(id);
    await ctx.secrets.refresh();
    return { deleted };
  },
  'connections.hideResponseBodies': (ctx, { id, hide }) => ctx.connections.setHideResponseBodies(id, hide),
  'connections.test': (ctx, args) => testConnection(ctx.connections, args),
};
