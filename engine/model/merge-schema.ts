import { z } from 'zod';
import { fieldChangeSchema } from './diff-schema';
import { docPathSegmentSchema } from './json-pointer';
import { edgeSchema, workflowDocSchema } from './workflow';

// The result of a three-way merge (rebase of a user-specific version onto a newer release)
// and the user's conflict resolutions, as zod schemas for the contract.

/** One side's value at a conflict path; `present: false` means the side deleted it. */
export const conflictValueSchema = z.object({ present: z.boolean(), value: z.unknown().optional() });

export const conflictKindSchema = z.enum([
  /** Both sides changed the same field to different values. */
  'both_changed',
  /** One side deleted what the other changed. */
  'removed_and_changed',
  /** One side deleted a block the other side's new or rewired edges connect to. */
  'removed_and_used',
  /** Both sides reordered the same list (e.g. mapping rules) differently; values are id lists. */
  'order',
]);

export const mergeConflictSchema = z.object({
  /** Stable: the pointer of the conflicting path (`order:` + pointer for order conflicts). */
  id: z.string(),
  kind: conflictKindSchema,
  pointer: z.string(),
  path: z.array(docPathSegmentSchema),
  /** Human path, e.g. `blocks[fetch].config.url`. */
  label: z.string(),
  blockId: z.string().nullable(),
  ruleId: z.string().nullable(),
  edgeId: z.string().nullable(),
  /** The common ancestor: the release the customer's version was made from. */
  ancestor: conflictValueSchema,
  /** The new release being rebased onto (the UI says "New release"). */
  release: conflictValueSchema,
  /** The customer's version: the installation's user-specific version (the UI says "Customer's version"). */
  customer: conflictValueSchema,
  /** Why, in a sentence, for the kinds that need one. */
  reason: z.string().optional(),
  /** The release's version of edges tied to this block conflict, set when the release's side is taken: edges
   * into a block the customer's version deleted, or the release's wiring of customer edges into a block the release deleted. */
  heldEdges: z.array(edgeSchema).optional(),
  /** Where the release value goes back into its list (ids that precede it in the release, nearest first). */
  insertAfter: z.array(z.string()).optional(),
});

export const mergeResultSchema = z.object({
  /** Non-conflicting changes of both sides applied; every conflict holds the customer's value for now. */
  merged: workflowDocSchema,
  conflicts: z.array(mergeConflictSchema),
  /** Changes that came from the release. */
  applied: z.array(fieldChangeSchema),
  /** Changes of the customer's version that were kept. */
  kept: z.array(fieldChangeSchema),
  /** The same change made on both sides (not a conflict). */
  agreed: z.array(fieldChangeSchema),
});

export const resolutionSchema = z.union([z.literal('customer'), z.literal('release'), z.object({ value: z.unknown() })]);
export const resolutionsSchema = z.record(z.string(), resolutionSchema);

export type ConflictValue = z.infer<typeof conflictValueSchema>;
export type ConflictKind = z.infer<typeof conflictKindSchema>;
export type MergeConflict = z.infer<typeof mergeConflictSchema>;
export type MergeResult = z.infer<typeof mergeResultSchema>;
export type Resolution = z.infer<typeof resolutionSchema>;
export type Resolutions = z.infer<typeof resolutionsSchema>;
