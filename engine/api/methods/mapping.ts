import { z } from 'zod';
import { mappingRulesSchema, targetFieldSchema } from '../../mapping/rules';
import { method } from '../method';

// Field mapping methods, used by the Map Fields inspector (validate, preview on a pasted sample,
// import/export a sheet, suggestions). Pure computations: nothing is stored.

export const mappingIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  ruleId: z.string().nullable(),
  field: z.string().optional(),
  path: z.string().optional(),
  position: z.number().int().optional(),
});

export const recordErrorSchema = z.object({
  recordIndex: z.number().int(),
  ruleId: z.string().nullable(),
  target: z.string(),
  code: z.string(),
  message: z.string(),
});

const sheetFormatSchema = z.enum(['csv', 'xlsx']);

export const mappingMethods = {
  /** The transform catalogue for the inspector's picker. */
  'mapping.transforms': method(
    z.object({}).default({}),
    z.array(z.object({ name: z.string(), kind: z.string(), signature: z.string(), summary: z.string(), output: z.string() })),
    'viewer',
  ),
  'mapping.validate': method(
    z.object({ rules: z.unknown() }),
    z.object({ ok: z.boolean(), issues: z.array(mappingIssueSchema) }),
    'viewer',
  ),
  /** Runs the rules on up to 50 sample records; rules with problems are listed and skipped. */
  'mapping.preview': method(
    z.object({ rules: z.unknown(), sample: z.unknown(), targets: z.array(targetFieldSchema).max(2000).optional() }),
    z.object({
      ok: z.boolean(),
      issues: z.array(mappingIssueSchema),
      records: z.array(z.object({ output: z.unknown(), errors: z.array(recordErrorSchema) })),
      rules: z.array(
        z.object({
          id: z.string(),
          target: z.string(),
          status: z.enum(['ok', 'invalid', 'errors']),
          values: z.array(z.unknown()),
          errors: z.array(recordErrorSchema),
        }),
      ),
      unmappedTargets: z.array(z.object({ path: z.string(), required: z.boolean() })),
      unusedSources: z.array(z.string()),
      warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
    'viewer',
  ),
  /** `content` is the file's bytes in base64; the format comes from the file name (or its bytes). */
  'mapping.import': method(
    z.object({
      fileName: z.string().min(1).max(500),
      content: z.string().max(8 * 1024 * 1024),
      existing: mappingRulesSchema.optional(),
    }),
    z.object({ rules: mappingRulesSchema, format: sheetFormatSchema }),
    'viewer',
  ),
  'mapping.export': method(
    z.object({ rules: mappingRulesSchema, format: sheetFormatSchema, name: z.string().min(1).max(200).optional() }),
    z.object({ fileName: z.string(), mediaType: z.string(), content: z.string() }),
    'viewer',
  ),
  'mapping.suggest': method(
    z.object({
      rules: mappingRulesSchema.optional(),
      sample: z.unknown(),
      targets: z.array(z.union([z.string().min(1), targetFieldSchema])).min(1).max(2000),
      sourceFields: z.array(z.object({ path: z.string().min(1), label: z.string().optional() })).max(5000).optional(),
      limit: z.number().int().min(1).max(20).optional(),
    }),
    z.object({
      suggestions: z.array(
        z.object({
          target: z.string(),
          label: z.string().optional(),
          candidates: z.array(
            z.object({
              source: z.string(),
              score: z.number(),
              reason: z.string(),
              examples: z.array(z.union([z.string(), z.number(), z.boolean()])),
            }),
          ),
        }),
      ),
    }),
    'viewer',
  ),
} as const;
