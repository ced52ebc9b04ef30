import type { Handlers } from './types';

type ApiKeyMethods = 'apiKeys.create' | 'apiKeys.list' | 'apiKeys.revoke';

export const apiKeyHandlers: Handlers<ApiKeyMethods> = {
  'apiKeys.create': (ctx, { name, role }) => ctx.apiKeys.create(name, role),
  'apiKeys.list': (ctx) => ctx.apiKeys.list(),
  'apiKeys.revoke': (ctx, { key }) => ctx.apiKeys.revoke(key),
};
