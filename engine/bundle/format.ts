import { z } from 'zod';
import { requiredConnectionSchema } from '../api/methods/integrations';
import { mappingDocSchema } from '../model/mapping-doc';

// A workflow bundle: a zip of JSON files. Never any secret: connections are named by what the
// integration needs, never by their credentials.
export const BUNDLE_FORMAT = 'patchbay-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export const BUNDLE_LIMITS = {
  compressedBytes: 5 * 1024 * 1024,
  uncompressedBytes: 50 * 1024 * 1024,
  entries: 2000,
} as const;

/** Entry names are fixed shapes: no folders of our own choosing, no `..`, no absolute paths. */
export const ENTRY_NAME = /^(manifest\.json|(workflows|integrations|custom)\/[A-Za-z0-9_-]{1,80}\.json)$/;

const docSchema = z.unknown();

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().min(1),
  exportedAt: z.string(),
  exportedBy: z.string().optional(),
});

export const bundledWorkflowSchema = z.object({ id: z.string().min(1), name: z.string().min(1), doc: docSchema });

export const bundledIntegrationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  requiredConnections: z.array(requiredConnectionSchema).default([]),
  workflows: z.array(bundledWorkflowSchema),
  /** Shared mappings (drafts) the workflows' Map Fields blocks name; absent in older bundles. */
  mappings: z.array(mappingDocSchema).default([]),
  releases: z.array(
    z.object({
      version: z.number().int().min(1),
      notes: z.string().default(''),
      createdAt: z.string(),
      versions: z.array(z.object({ workflowId: z.string().min(1), name: z.string().min(1), doc: docSchema })),
      /** The mappings frozen with this release, keyed to `mappings` by id. */
      mappings: z.array(mappingDocSchema).default([]),
    }),
  ),
});

/** A user-specific version travels as a document with where it came from. */
export const bundledCustomSchema = z.object({
  id: z.string().min(1),
  customerName: z.string(),
  integrationName: z.string(),
  workflowName: z.string(),
  ancestorVersion: z.number().int(),
  doc: docSchema,
});

export type Manifest = z.infer<typeof manifestSchema>;
export type BundledWorkflow = z.infer<typeof bundledWorkflowSchema>;
export type BundledIntegration = z.infer<typeof bundledIntegrationSchema>;
export type BundledCustom = z.infer<typeof bundledCustomSchema>;
