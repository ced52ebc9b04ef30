import type { Handlers } from './types';

type UserMethods = 'users.add' | 'users.list' | 'users.remove' | 'users.passwd';

export const userHandlers: Handlers<UserMethods> = {
  'users.add': (ctx, { name, role, password }) => ctx.users.add(name, role, password),
  'users.list': (ctx) => ctx.users.list(),
  'users.remove': (ctx, { user }) => ctx.users.remove(user),
  'users.passwd': (ctx, { user, password }) => ctx.users.setPassword(user, password),
};
