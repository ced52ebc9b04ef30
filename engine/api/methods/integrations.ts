import { z } from 'zod';
import { workflowDocSchema } from '../../model/workflow';
import { workflowDiffSchema } from '../../model/diff-schema';
import { method } from '../method';
import { connectionKindSchema } from './connections';
import { workflowRecordSchema } from '../records';

export const requiredConnectionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a connection key is lowercase letters, digits and _'),
  kind: connectionKindSchema,
  label: z.string().min(1),
});

export const integrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  requiredConnections: z.array(requiredConnectionSchema),
  workflows: z.array(z.object({ id: z.string(), name: z.string(), rev: z.number().int() })),
  latestRelease: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const releaseSchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  version: z.number().int(),
  notes: z.string(),
  createdAt: z.string(),
  versions: z.array(z.object({ id: z.string(), workflowId: z.string(), name: z.string() })),
});

export const releasedVersionSchema = z.object({
  id: z.string(),
  releaseId: z.string(),
  integrationId: z.string(),
  version: z.number().int(),
  workflowId: z.string(),
  name: z.string(),
  doc: workflowDocSchema,
});

/** Something a diff can compare: a released version, a user-specific version, or a base draft. */
export const versionRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), id: z.string().min(1) }),
  z.object({ kind: z.literal('userVersion'), id: z.string().min(1) }),
  z.object({ kind: z.literal('draft'), workflowId: z.string().min(1) }),
]);

export const integrationMethods = {
  'integrations.list': method(z.object({}).default({}), z.array(integrationSchema), 'viewer'),
  'integrations.get': method(z.object({ id: z.string().min(1) }), integrationSchema, 'viewer'),
  'integrations.create': method(
    z.object({ name: z.string().min(1).max(200), description: z.string().max(2000).default(''), requiredConnections: z.array(requiredConnectionSchema).default([]) }),
    integrationSchema,
    'admin',
  ),
  'integrations.addWorkflow': method(
    z.object({ id: z.string().min(1), name: z.string().min(1).max(200), doc: workflowDocSchema.optional() }),
    workflowRecordSchema,
    'admin',
  ),
  /** Freezes every workflow of the integration as the next numbered release. */
  'integrations.release': method(z.object({ id: z.string().min(1), notes: z.string().max(10_000).default('') }), releaseSchema, 'admin'),
  'integrations.releases': method(z.object({ id: z.string().min(1) }), z.array(releaseSchema), 'viewer'),
  'integrations.templates': method(
    z.object({}).default({}),
    z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), workflows: z.array(z.string()), requiredConnections: z.array(requiredConnectionSchema) })),
    'viewer',
  ),
  /** Creates an integration with its base workflows from a built-in template (e.g. the NetSuite Order Sync). */
  'integrations.createFromTemplate': method(z.object({ templateId: z.string().min(1), name: z.string().min(1).max(200).optional() }), integrationSchema, 'admin'),
  'versions.get': method(z.object({ id: z.string().min(1) }), releasedVersionSchema, 'viewer'),
  'versions.diff': method(z.object({ a: versionRefSchema, b: versionRefSchema }), workflowDiffSchema, 'viewer'),
} as const;

export type Integration = z.infer<typeof integrationSchema>;
export type Release = z.infer<typeof releaseSchema>;
export type ReleasedVersion = z.infer<typeof releasedVersionSchema>;
export type RequiredConnection = z.infer<typeof requiredConnectionSchema>;
export type VersionRef = z.infer<typeof versionRefSchema>;
