import { z } from 'zod';
import { mappingDiffSchema, mappingMergeResultSchema } from '../../model/mapping-merge';
import { mappingDocSchema, mappingNameSchema, uniqueRulesSchema } from '../../model/mapping-doc';
import { resolutionsSchema } from '../../model/merge-schema';
import { method } from '../method';
import { regressionReportSchema } from './golden';

// Shared mappings: the integration's named mappings (draft, edited in the base editor, frozen with
// each release) and each installation's user-specific version of them.

export const mappingRecordSchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  name: z.string(),
  rev: z.number().int(),
  doc: mappingDocSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const releasedMappingSchema = z.object({
  id: z.string(),
  releaseId: z.string(),
  version: z.number().int(),
  mappingId: z.string(),
  name: z.string(),
  doc: mappingDocSchema,
});

export const installationMappingSchema = z.object({
  id: z.string(),
  installationId: z.string(),
  mappingId: z.string(),
  /** The released mapping this version was made from (moves on rebase). */
  ancestorId: z.string(),
  ancestorVersion: z.number().int(),
  rev: z.number().int(),
  doc: mappingDocSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** One shared mapping as an installation sees it: which version it runs and whether base moved on. */
export const installationMappingViewSchema = z.object({
  mappingId: z.string(),
  name: z.string(),
  /** The released mapping of the installation's pinned release. */
  releasedId: z.string(),
  version: z.number().int(),
  ruleCount: z.number().int(),
  custom: z.object({ id: z.string(), rev: z.number().int(), ancestorVersion: z.number().int(), updatedAt: z.string(), ruleCount: z.number().int() }).nullable(),
  /** A newer release changed this mapping after the version the customer's mapping is based on. */
  updateAvailable: z.boolean(),
  /** The customer's changes against its ancestor (null without a user-specific version). */
  diff: mappingDiffSchema.nullable(),
  /** Workflows of the pinned release whose Map Fields blocks use this mapping. */
  usedBy: z.array(z.object({ workflowId: z.string(), name: z.string() })),
});

const id = z.object({ id: z.string().min(1) });

export const mappingEntityMethods = {
  'mappings.list': method(z.object({ integrationId: z.string().min(1) }), z.array(mappingRecordSchema), 'viewer'),
  /** The base editor's view: the integration a base workflow belongs to, and its mappings. */
  'mappings.forWorkflow': method(
    z.object({ workflowId: z.string().min(1) }),
    z.object({ integrationId: z.string().nullable(), mappings: z.array(mappingRecordSchema) }),
    'viewer',
  ),
  'mappings.get': method(id, mappingRecordSchema, 'viewer'),
  'mappings.create': method(
    z.object({ integrationId: z.string().min(1), name: mappingNameSchema, rules: uniqueRulesSchema.default([]), notes: z.string().max(10_000).default('') }),
    mappingRecordSchema,
    'admin',
  ),
  /** Saves the draft mapping; a save from a stale revision is refused with rev_conflict. */
  'mappings.save': method(
    z.object({ id: z.string().min(1), baseRev: z.number().int(), rules: uniqueRulesSchema, notes: z.string().max(10_000).optional() }),
    mappingRecordSchema,
    'admin',
  ),
  'mappings.released': method(id, releasedMappingSchema, 'viewer'),
  'installationMappings.list': method(z.object({ installationId: z.string().min(1) }), z.array(installationMappingViewSchema), 'viewer'),
  'installationMappings.get': method(id, installationMappingSchema, 'viewer'),
  /** "Customise mapping": copies the pinned release's mapping for this installation. */
  'installationMappings.create': method(z.object({ installationId: z.string().min(1), mappingId: z.string().min(1) }), installationMappingSchema, 'admin'),
  'installationMappings.save': method(z.object({ id: z.string().min(1), baseRev: z.number().int(), rules: uniqueRulesSchema }), installationMappingSchema, 'admin'),
  /** Deletes the customer's version: the installation uses the released mapping again. */
  'installationMappings.revert': method(id, z.object({ reverted: z.boolean() }), 'admin'),
  'installationMappings.diff': method(id, mappingDiffSchema, 'viewer'),
  'installationMappings.rebasePreview': method(
    z.object({ id: z.string().min(1), releaseId: z.string().optional() }),
    mappingMergeResultSchema.extend({
      targetId: z.string(),
      targetVersion: z.number().int(),
      /** Problems the merged mapping would have if accepted as is (e.g. both sides added a rule for one target). */
      issues: z.array(z.object({ ruleId: z.string().nullable(), code: z.string(), message: z.string() })),
      /** Golden records of the workflows using this mapping, replayed through the release with the merged mapping (null: none kept). */
      regression: regressionReportSchema.nullable(),
    }),
    'viewer',
  ),
  'installationMappings.rebaseApply': method(
    z.object({ id: z.string().min(1), targetId: z.string().min(1), baseRev: z.number().int(), resolutions: resolutionsSchema.default({}) }),
    installationMappingSchema,
    'admin',
  ),
} as const;

export type MappingRecord = z.infer<typeof mappingRecordSchema>;
export type ReleasedMapping = z.infer<typeof releasedMappingSchema>;
export type InstallationMapping = z.infer<typeof installationMappingSchema>;
export type InstallationMappingView = z.infer<typeof installationMappingViewSchema>;
