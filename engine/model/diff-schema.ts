import { z } from 'zod';
import { docPathSegmentSchema } from './json-pointer';
import { blockSchema, edgeSchema, positionSchema } from './workflow';

// The result of diffWorkflows, as zod schemas so the contract ('versions.diff') validates it and
// the renderer derives its types from it.

export const changeOpSchema = z.enum(['added', 'removed', 'changed', 'reordered']);

/** One changed field. `old` is missing for additions, `new` for removals; a reorder carries the
 * old and new id lists. `field` is relative to its owner: `config.url` in a block, `source` in a
 * mapping rule, `to` in an edge. */
export const fieldChangeSchema = z.object({
  pointer: z.string(),
  path: z.array(docPathSegmentSchema),
  field: z.string(),
  op: changeOpSchema,
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});

const fromTo = <T extends z.ZodType>(t: T) => z.object({ old: t, new: t });

export const ruleRefSchema = z.object({
  id: z.string(),
  /** The rule's target path (the new one for changed rules), null when it has none. */
  target: z.string().nullable(),
});

export const rulesDiffSchema = z.object({
  added: z.array(ruleRefSchema.extend({ rule: z.record(z.string(), z.unknown()) })),
  removed: z.array(ruleRefSchema.extend({ rule: z.record(z.string(), z.unknown()) })),
  changed: z.array(ruleRefSchema.extend({ fields: z.array(fieldChangeSchema) })),
  /** Rule ids in the old and new order when the relative order of kept rules changed. */
  reordered: fromTo(z.array(z.string())).nullable(),
});

export const blockChangeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  renamed: fromTo(z.string()).nullable(),
  moved: fromTo(positionSchema).nullable(),
  kindChanged: fromTo(z.string()).nullable(),
  /** Config field changes, mapping rules excepted (they are in `rules`). */
  config: z.array(fieldChangeSchema),
  /** Map Fields blocks: rule-level changes keyed by rule id. */
  rules: rulesDiffSchema.nullable(),
});

export const edgeChangeSchema = z.object({
  id: z.string(),
  old: edgeSchema,
  new: edgeSchema,
  fields: z.array(fieldChangeSchema),
});

export const blockHighlightSchema = z.object({
  blockId: z.string(),
  /** `moved` when only the canvas position changed. */
  status: z.enum(['added', 'removed', 'changed', 'moved']),
});

export const diffSummarySchema = z.object({
  identical: z.boolean(),
  nameChanged: z.boolean(),
  notesChanged: z.boolean(),
  blocksAdded: z.number().int(),
  blocksRemoved: z.number().int(),
  blocksChanged: z.number().int(),
  blocksMoved: z.number().int(),
  blocksRenamed: z.number().int(),
  configFieldsChanged: z.number().int(),
  edgesAdded: z.number().int(),
  edgesRemoved: z.number().int(),
  edgesChanged: z.number().int(),
  rulesAdded: z.number().int(),
  rulesRemoved: z.number().int(),
  rulesChanged: z.number().int(),
  rulesReordered: z.number().int(),
});

export const workflowDiffSchema = z.object({
  name: fromTo(z.string()).nullable(),
  notes: fromTo(z.string()).nullable(),
  blocks: z.object({
    added: z.array(blockSchema),
    removed: z.array(blockSchema),
    changed: z.array(blockChangeSchema),
  }),
  edges: z.object({
    added: z.array(edgeSchema),
    removed: z.array(edgeSchema),
    changed: z.array(edgeChangeSchema),
  }),
  /** Other top-level document fields (e.g. schemaVersion), rarely non-empty. */
  other: z.array(fieldChangeSchema),
  summary: diffSummarySchema,
  /** Every block added, removed or changed (including moved), for highlighting on the canvas. */
  changedBlockIds: z.array(z.string()),
  highlights: z.array(blockHighlightSchema),
});

export type FieldChange = z.infer<typeof fieldChangeSchema>;
export type RulesDiff = z.infer<typeof rulesDiffSchema>;
export type BlockChange = z.infer<typeof blockChangeSchema>;
export type EdgeChange = z.infer<typeof edgeChangeSchema>;
export type BlockHighlight = z.infer<typeof blockHighlightSchema>;
export type DiffSummary = z.infer<typeof diffSummarySchema>;
export type WorkflowDiff = z.infer<typeof workflowDiffSchema>;
