import { z } from 'zod';
import { method } from '../method';

const ids = z.array(z.string().min(1)).default([]);

export const bundleMethods = {
  /** A zip of workflows, integrations (with releases) and user-specific versions; never secrets. */
  'bundles.export': method(
    z.object({ workflowIds: ids, integrationIds: ids, forkIds: ids }),
    z.object({
      fileName: z.string(),
      base64: z.string(),
      bytes: z.number().int(),
      counts: z.object({ workflows: z.number().int(), integrations: z.number().int(), custom: z.number().int() }),
      /** Literal credentials found in block configs, blanked in the bundle. */
      scrubbed: z.array(z.object({ workflow: z.string(), blockId: z.string(), path: z.string() })),
    }),
  ),
  /** All or nothing: everything is checked before anything is written. */
  'bundles.import': method(
    z.object({ base64: z.string().min(1).max(8 * 1024 * 1024) }),
    z.object({
      workflows: z.array(z.object({ id: z.string(), name: z.string() })),
      integrations: z.array(z.object({ id: z.string(), name: z.string(), releases: z.number().int() })),
    }),
  ),
} as const;
