import { z } from 'zod';
import { method } from '../method';

// Connections: credentials for one external system. Secret fields are write-only through the
// contract: reads return `maskedSecret` for a set secret and '' for an unset one; saving the mask
// back (or omitting the field) keeps the stored value, so a form can be re-saved untouched.

export { maskedSecret } from '../../shared/masked-secret';

/** The one list of connector kinds; each has a folder in engine/connectors, listed in its registry. */
export const connectionKindSchema = z.enum(['netsuite', 'your_app', 'http']);
export type ConnectionKind = z.infer<typeof connectionKindSchema>;

export interface ConnectionFieldSpec {
  readonly key: string;
  readonly label: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly type: 'text' | 'url' | 'number' | 'select';
  readonly help?: string;
  /** For `select`: the choices; the first is the value when none is saved. */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** Long values (a PEM private key) get a multi-line box. */
  readonly multiline?: boolean;
  /** Shown, and required, only while another field has one of these values (e.g. an auth mode). */
  readonly showWhen?: { readonly key: string; readonly values: readonly string[] };
}

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
  /** Installations (not uninstalled) bound to this connection; while any is, it cannot be deleted. */
  usedBy: z.array(z.object({ installationId: z.string(), customerName: z.string() })),
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
  type: z.enum(['text', 'url', 'number', 'select']),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() }).readonly()).readonly().optional(),
  multiline: z.boolean().optional(),
  showWhen: z.object({ key: z.string(), values: z.array(z.string()).readonly() }).readonly().optional(),
});

export const connectionMethods = {
  /** Each connector kind with its label and fields, so the renderer can draw connection forms and pickers. */
  'connections.kinds': method(
    z.object({}).default({}),
    z.array(z.object({ kind: connectionKindSchema, label: z.string(), fields: z.array(connectionFieldSpecSchema) })),
    'viewer',
  ),
  'connections.list': method(z.object({ installationId: z.string().min(1).optional() }).default({}), z.array(connectionSchema), 'viewer'),
  'connections.get': method(z.object({ id: z.string().min(1) }), connectionSchema, 'viewer'),
  'connections.save': method(saveConnectionArgsSchema, connectionSchema, 'admin'),
  /** The run panel's "hide response bodies" switch; applies to steps that finish from now on. */
  'connections.hideResponseBodies': method(z.object({ id: z.string().min(1), hide: z.boolean() }), connectionSchema, 'admin'),
  'connections.delete': method(z.object({ id: z.string().min(1) }), z.object({ deleted: z.boolean() }), 'admin'),
  /** Tests a saved connection, or unsaved values (merged over the saved ones when `id` is given). */
  'connections.test': method(
    z.object({ id: z.string().min(1).optional(), kind: connectionKindSchema.optional(), values: z.record(z.string(), fieldValue).optional() }),
    connectionTestResultSchema,
    'operator',
  ),
} as const;

export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
export type SaveConnectionArgs = z.input<typeof saveConnectionArgsSchema>;
