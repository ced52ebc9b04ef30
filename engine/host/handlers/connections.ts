import { connectionHandlers as implementations } from '../../connections/methods';
import type { Handlers } from './types';

// Saving or deleting a connection changes which secrets the journal must hide.
export const connectionHandlers: Handlers<'connections.kinds' | 'connections.list' | 'connections.get' | 'connections.save' | 'connections.delete' | 'connections.test' | 'connections.hideResponseBodies'> = {
  'connections.kinds': (ctx) => implementations(ctx.connections)['connections.kinds'](),
  'connections.list': (ctx, args) => implementations(ctx.connections)['connections.list'](args),
  'connections.get': (ctx, args) => implementations(ctx.connections)['connections.get'](args),
  'connections.save': async (ctx, args) => {
    const saved = await implementations(ctx.connections)['connections.save'](args);
    ctx.secrets.invalidate();
    return saved;
  },
  'connections.delete': async (ctx, args) => {
    const deleted = await implementations(ctx.connections)['connections.delete'](args);
    ctx.secrets.invalidate();
    return deleted;
  },
  'connections.hideResponseBodies': (ctx, args) => implementations(ctx.connections)['connections.hideResponseBodies'](args),
  'connections.test': (ctx, args) => implementations(ctx.connections)['connections.test'](args),
};
