import { z } from 'zod';
import { ChainSyntaxError, parseChain } from '../shared/chain';

// The mapping document: an ordered list of rules. It is stored inside a Map Fields block's config
// and in workflow bundles, so it is plain JSON validated here and nowhere else.

export const MAX_RULES = 2000;
export const MAX_PATH_LENGTH = 1000;

export const transformStepSchema = z.object({
  name: z.string().min(1).max(64),
  args: z.array(z.json()).max(16).default([]),
});

const pathString = z.string().min(1).max(MAX_PATH_LENGTH);

/** Steps as a list, or as the text a person types in a table cell: `trim | splitName(first)`. */
const transformsSchema = z.union([
  z
    .string()
    .max(10_000)
    .transform((text, ctx): z.input<typeof transformStepSchema>[] => {
      try {
        return parseChain(text);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof ChainSyntaxError ? e.message : String(e) });
        return z.NEVER;
      }
    })
    .pipe(z.array(transformStepSchema).max(32)),
  z.array(transformStepSchema).max(32),
]);

export const ruleSchema = z
  .object({
    id: z.string().min(1).max(200),
    target: pathString,
    source: pathString.optional(),
    sources: z.array(pathString).min(1).max(32).optional(),
    /** A JSONata expression evaluated against the whole record. */
    expr: z.string().min(1).max(10_000).optional(),
    constant: z.json().optional(),
    transforms: transformsSchema.default([]),
    /** Used when the value is missing, null or an empty string after the transforms. */
    default: z.json().optional(),
    note: z.string().max(2000).optional(),
  })
  .superRefine((rule, ctx) => {
    const given = (['source', 'sources', 'expr', 'constant'] as const).filter((k) => rule[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? `rule "${rule.id}" needs one of source, sources, expr or constant`
            : `rule "${rule.id}" has ${given.join(' and ')}; keep only one`,
        path: given.length === 0 ? ['source'] : [given[1] ?? 'source'],
      });
    }
  });

export const mappingRulesSchema = z.array(ruleSchema).max(MAX_RULES);

export type TransformStep = z.infer<typeof transformStepSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

/** A field of the target system (the vendor's app), for suggestions and the unmapped list. */
export const targetFieldSchema = z.object({
  path: z.string().min(1).max(MAX_PATH_LENGTH),
  /** What people call it, e.g. "Assigned Procurement Rep" for custom_field_1. */
  label: z.string().max(200).optional(),
  type: z.enum(['string', 'number', 'integer', 'boolean', 'date', 'object', 'array', 'any']).optional(),
  required: z.boolean().optional(),
});
export type TargetField = z.infer<typeof targetFieldSchema>;
