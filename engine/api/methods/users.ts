import { z } from 'zod';
import { roles } from '../../shared/roles';
import { method } from '../method';

// Users of Patchbay running as a server (`--auth api-keys`): a name, a role and a password that is
// stored only as a scrypt hash. Passwords travel in arguments only; no result ever carries one.

export const roleSchema = z.enum(roles);

export const userSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  passwordChangedAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

const userName = z.string().trim().min(1).max(100).regex(/^[^\s:]+$/, 'a name without spaces or colons, e.g. dana or dana@example.com');
// Length is checked by the engine (password_too_short, with what to do); the cap keeps bodies small.
const password = z.string().max(4096);

export const userMethods = {
  'users.add': method(z.object({ name: userName, role: roleSchema, password }), userSummarySchema, 'admin'),
  'users.list': method(z.object({}), z.array(userSummarySchema), 'admin'),
  /** Removes a user by name or id; their browser sessions end at once. */
  'users.remove': method(z.object({ user: z.string().trim().min(1) }), userSummarySchema, 'admin'),
  /** Sets a new password; the user's browser sessions end (signed in again with the new one). */
  'users.passwd': method(z.object({ user: z.string().trim().min(1), password }), userSummarySchema, 'admin'),
} as const;
