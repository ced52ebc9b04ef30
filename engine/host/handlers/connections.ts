import { testConnection } from '../../connections/test-connection';
import { connectorKinds } from '../../connectors/registry';
import type { Handlers } from './types';

// Saving or deleting a connection changes which secrets the journal must hide.
export const connectionHandlers: Handlers<'connections.kinds' | 'connections.list' | 'connections.get' | 'connections.save' | 'connections.delete' | 'connections.test' | 'connections.hideResponseBodies'> = {
  'connections.kinds': () => connectorKinds(),
  'connections.list': (ctx, args) => ctx.connections.list(args),
  'connections.get': (ctx, { id }) => ctx.connections.get(id),
  'connections.save': (ctx, args) => {
    const saved = ctx.connections.save(args);
    ctx.secrets.invalidate();
    return saved;
  },
  'connections.delete': (ctx, { id }) => {
    const deleted = ctx.connections.delete(id);
    ctx.secrets.invalidate();
    return { deleted };
  },
  'connections.hideResponseBodies': (ctx, { id, hide }) => ctx.connections.setHideResponseBodies(id, hide),
  'connections.test': (ctx, args) => testConnection(ctx.connections, args),
};
