import { z } from 'zod';
import { method } from '../method';
import { roleSchema } from './users';

// API keys for Patchbay running as a server (`--auth api-keys`): a key is shown once, when it is
// created; afterwards only its public prefix is.

export const apiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The public start of the key (`pb_…`), to tell keys apart; never the key. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  role: roleSchema,
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

export const apiKeyMethods = {
  /** Creates a key; the result carries the key itself, the only time it is ever shown. */
  'apiKeys.create': method(
    // Admin by default: what every key could do before roles existed, and what publishing needs.
    z.object({ name: z.string().trim().min(1).max(100), role: roleSchema.default('admin') }),
    apiKeySummarySchema.extend({ key: z.string() }),
    'admin',
  ),
  'apiKeys.list': method(z.object({}), z.array(apiKeySummarySchema), 'admin'),
  /** Revokes a key by id or name: requests and browser sessions using it are refused from then on. */
  'apiKeys.revoke': method(z.object({ key: z.string().trim().min(1) }), apiKeySummarySchema, 'admin'),
} as const;
