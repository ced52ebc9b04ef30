import { z } from 'zod';
import { method } from '../method';

const ids = z.array(z.string().min(1)).default([]);
/** A bundle travels as base64 (JSON transports); an empty one is refused by the engine with `bundle_empty`. */
const bundleBytes = z.string().max(8 * 1024 * 1024);

export const bundlePlanItemSchema = z.object({
  kind: z.enum(['integration', 'workflow', 'mapping', 'release', 'installation', 'custom', 'customMapping']),
  id: z.string(),
  /** What a person calls it, e.g. "Order Sync v2" or "Acme Corp › Fetch Historical Orders". */
  name: z.string(),
  action: z.enum(['add', 'update', 'unchanged', 'conflict']),
  reason: z.string().optional(),
});

const exportCounts = z.object({ workflows: z.number().int(), integrations: z.number().int(), releases: z.number().int(), custom: z.number().int() });

export const bundleMethods = {
  /** What can be exported: integrations with their releases and user-specific versions, and lone workflows. */
  'bundles.choices': method(
    z.object({}).default({}),
    z.object({
      integrations: z.array(z.object({
        id: z.string(),
        name: z.string(),
        releases: z.array(z.object({ id: z.string(), version: z.number().int(), notes: z.string(), createdAt: z.string() })),
        /** Customers with user-specific versions: their workflows and mappings go together. */
        customers: z.array(z.object({ installationId: z.string(), customerName: z.string(), workflows: z.array(z.string()), mappings: z.array(z.string()) })),
      })),
      workflows: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
    'viewer',
  ),
  /**
   * A deterministic bundle (canonical files, manifest of sha256) of the chosen items and what they
   * depend on; never secrets. `releaseIds` absent: every release of each chosen integration.
   * `installationIds`: customers whose user-specific workflows and mappings all go in.
   */
  'bundles.export': method(
    z.object({ workflowIds: ids, integrationIds: ids, releaseIds: z.array(z.string().min(1)).optional(), userVersionIds: ids, installationIds: ids }),
    z.object({
      fileName: z.string(),
      base64: z.string(),
      bytes: z.number().int(),
      counts: exportCounts,
      /** Literal credentials found in block configs, blanked in the bundle. */
      scrubbed: z.array(z.object({ workflow: z.string(), blockId: z.string(), path: z.string() })),
    }),
    'viewer',
  ),
  /** What importing would add, update, leave unchanged or find conflicting; nothing is written. */
  'bundles.preview': method(
    z.object({ base64: bundleBytes, asCopy: z.boolean().default(false) }),
    z.object({ formatVersion: z.number().int(), exportedAt: z.string(), items: z.array(bundlePlanItemSchema) }),
    'admin',
  ),
  /** All or nothing: refused with `bundle_conflict` (and the list) if anything conflicts. */
  'bundles.import': method(
    z.object({ base64: bundleBytes, asCopy: z.boolean().default(false) }),
    z.object({
      items: z.array(bundlePlanItemSchema),
      workflows: z.array(z.object({ id: z.string(), name: z.string() })),
      integrations: z.array(z.object({ id: z.string(), name: z.string(), releases: z.number().int() })),
    }),
    'admin',
  ),
} as const;

export type BundlePlanItem = z.infer<typeof bundlePlanItemSchema>;
