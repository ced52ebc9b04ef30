import { z } from 'zod';

// The workflow document. Persisted as JSON in revisions and bundles, so it carries a
// schemaVersion and is upgraded by engine/model/migrate.ts when read.
export const WORKFLOW_SCHEMA_VERSION = 1;

export const blockIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'block ids are letters, digits and _ (used in {{ steps.<id> }})');

export const positionSchema = z.object({ x: z.number(), y: z.number() });

export const blockSchema = z.object({
  id: blockIdSchema,
  kind: z.string().min(1),
  name: z.string().max(200).default(''),
  config: z.record(z.string(), z.unknown()).default({}),
  position: positionSchema.default({ x: 0, y: 0 }),
});

export const portSchema = z.enum(['out', 'true', 'false', 'each', 'done', 'error']);

export const edgeSchema = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  port: portSchema.default('out'),
  to: z.string().min(1),
});

export const workflowDocSchema = z.object({
  schemaVersion: z.number().int().default(WORKFLOW_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  blocks: z.array(blockSchema).default([]),
  edges: z.array(edgeSchema).default([]),
  notes: z.string().default(''),
});

export type Block = z.infer<typeof blockSchema>;
export type Edge = z.infer<typeof edgeSchema>;
export type Port = z.infer<typeof portSchema>;
export type WorkflowDoc = z.infer<typeof workflowDocSchema>;
export type WorkflowDocInput = z.input<typeof workflowDocSchema>;

/** The trigger is a block like any other on the canvas (one per workflow), so the document has
 * no separate trigger field that could disagree with it. */
const TRIGGER_KIND = 'trigger';

export function emptyWorkflow(name: string): WorkflowDoc {
  return {
    schemaVersion: WORKFLOW_SCHEMA_VERSION,
    name,
    blocks: [{ id: 'trigger', kind: TRIGGER_KIND, name: 'Trigger', config: { type: 'manual' }, position: { x: 80, y: 120 } }],
    edges: [],
    notes: '',
  };
}
