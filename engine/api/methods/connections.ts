import { z } from 'zod';
import { method } from '../method';

// Connections: credentials for one external system. Secret fields are write-only through the
// contract: reads return `maskedSecret` for a set secret and '' for an unset one; saving the mask
// back (or omitting the field) keeps the stored value, so a form can be re-saved untouched.

export const maskedSecret = '••••••••';

export const connectionKindSchema = z.enum(['netsuite', 'your_app', 'http']);
export type ConnectionKind = z.infer<typeof connectionKindSchema>;

export interface ConnectionFieldSpec {
  readonly key: string;
  readonly label: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly type: 'text' | 'url' | 'number';
  readonly help?: string;
}

/** Field lists per kind: the connection form is drawn from these, the store validates against them. */
export const connectionFields: Readonly<Record<ConnectionKind, readonly ConnectionFieldSpec[]>> = {
  netsuite: [
    { key: 'accountId', label: 'Account ID', secret: false, required: true, type: 'text', help: 'As shown in NetSuite, e.g. 1234567 or 1234567_SB1 for a sandbox.' },
    { key: 'consumerKey', label: 'Consumer key', secret: true, required: true, type: 'text', help: 'From the integration record (Setup > Integration > Manage Integrations).' },
    { key: 'consumerSecret', label: 'Consumer secret', secret: true, required: true, type: 'text' },
    { key: 'tokenId', label: 'Token ID', secret: true, required: true, type: 'text', help: 'From Setup > Users/Roles > Access Tokens.' },
    { key: 'tokenSecret', label: 'Token secret', secret: true, required: true, type: 'text' },
    { key: 'baseUrl', label: 'Host override', secret: false, required: false, type: 'url', help: 'Leave empty to use <account>.suitetalk.api.netsuite.com.' },
    { key: 'concurrency', label: 'Concurrent requests', secret: false, required: false, type: 'number', help: "The account's limit is shared by all integrations (5 on most accounts)." },
  ],
  your_app: [
    { key: 'baseUrl', label: 'API base URL', secret: false, required: true, type: 'url' },
    { key: 'apiKey', label: 'API key', secret: true, required: true, type: 'text' },
  ],
  http: [
    { key: 'baseUrl', label: 'Base URL', secret: false, required: false, type: 'url' },
    { key: 'authHeader', label: 'Auth header name', secret: false, required: false, type: 'text', help: 'Default: Authorization.' },
    { key: 'authScheme', label: 'Auth scheme', secret: false, required: false, type: 'text', help: 'e.g. Bearer; empty sends the token as is.' },
    { key: 'token', label: 'Token', secret: true, required: false, type: 'text' },
  ],
};

const fieldValue = z.union([z.string(), z.number(), z.null()]);

export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: connectionKindSchema,
  installationId: z.string().nullable(),
  /** Non-secret fields as saved; secret fields as `maskedSecret` (set) or '' (unset). */
  values: z.record(z.string(), fieldValue),
  /** Response bodies of steps that use this connection are kept out of journals and events. */
  hideResponseBodies: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  /** Stable error code when not ok (auth_failed, network_error, …). */
  code: z.string().nullable(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const saveConnectionArgsSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1).max(200),
  kind: connectionKindSchema,
  installationId: z.string().min(1).nullable().optional(),
  values: z.record(z.string(), fieldValue).default({}),
});

export const connectionFieldSpecSchema = z.object({
  key: z.string(),
  label: z.string(),
  secret: z.boolean(),
  required: z.boolean(),
  type: z.enum(['text', 'url', 'number']),
  help: z.string().optional(),
});

export const connectionMethods = {
  /** The fields of each kind, so the renderer (which imports only types) can draw connection forms. */
  'connections.kinds': method(
    z.object({}).default({}),
    z.array(z.object({ kind: connectionKindSchema, fields: z.array(connectionFieldSpecSchema) })),
  ),
  'connections.list': method(z.object({ installationId: z.string().min(1).optional() }).default({}), z.array(connectionSchema)),
  'connections.get': method(z.object({ id: z.string().min(1) }), connectionSchema),
  'connections.save': method(saveConnectionArgsSchema, connectionSchema),
  /** The run panel's "hide response bodies" switch; applies to steps that finish from now on. */
  'connections.hideResponseBodies': method(z.object({ id: z.string().min(1), hide: z.boolean() }), connectionSchema),
  'connections.delete': method(z.object({ id: z.string().min(1) }), z.object({ deleted: z.boolean() })),
  /** Tests a saved connection, or unsaved values (merged over the saved ones when `id` is given). */
  'connections.test': method(
    z.object({ id: z.string().min(1).optional(), kind: connectionKindSchema.optional(), values: z.record(z.string(), fieldValue).optional() }),
    connectionTestResultSchema,
  ),
} as const;

export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
export type SaveConnectionArgs = z.input<typeof saveConnectionArgsSchema>;
