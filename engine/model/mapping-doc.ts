import { z } from 'zod';
import { mappingRulesSchema } from '../mapping/rules';

// A shared mapping: a named, versioned part of an integration (e.g. "NetSuite purchase order →
// Your App order"). Map Fields blocks refer to it by name, so every workflow of the integration
// uses one mapping, and an installation's user-specific version of it applies to all of them.
// The document is plain JSON — the same shape in storage, releases and bundles.

export const MAPPING_NAME_MAX = 200;

export const mappingNameSchema = z
  .string()
  .trim()
  .min(1, 'give the mapping a name')
  .max(MAPPING_NAME_MAX);

/** Rules keyed by id: the diff and the rebase match rules by id, so two rules may never share one. */
export const uniqueRulesSchema = mappingRulesSchema.superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `two rules share the id "${r.id}"; give each rule its own id` });
    seen.add(r.id);
  });
});

export const mappingDocSchema = z.object({
  /** Stable across versions (draft, releases, user-specific versions), so they diff and merge. */
  id: z.string().min(1).max(100),
  name: mappingNameSchema,
  rules: uniqueRulesSchema,
  notes: z.string().max(10_000).default(''),
});

export type MappingDoc = z.infer<typeof mappingDocSchema>;

/** The rules of each mapping by name, as a run sees them (draft, release or customer version). */
export type MappingSet = ReadonlyMap<string, MappingDoc['rules']>;
