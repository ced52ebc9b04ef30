import { z } from 'zod';
import { workflowDiffSchema } from '../../model/diff-schema';
import { mergeResultSchema, resolutionsSchema } from '../../model/merge-schema';
import { workflowDocSchema } from '../../model/workflow';
import { method } from '../method';
import { regressionReportSchema } from './golden';
import { runModeSchema, runRecordSchema, runStatusSchema, validationIssueSchema } from '../records';

export const installationStatusSchema = z.enum(['draft', 'installed', 'uninstalled']);

export const userVersionSchema = z.object({
  id: z.string(),
  installationId: z.string(),
  workflowId: z.string(),
  ancestorVersionId: z.string(),
  ancestorVersion: z.number().int(),
  rev: z.number().int(),
  doc: workflowDocSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const installationWorkflowSchema = z.object({
  workflowId: z.string(),
  name: z.string(),
  /** The released version this installation runs when it has no user-specific version. */
  versionId: z.string(),
  version: z.number().int(),
  userVersion: z.object({ id: z.string(), rev: z.number().int(), ancestorVersion: z.number().int(), updatedAt: z.string() }).nullable(),
  /** The latest release changed this workflow since the version the user-specific version (or the pin) is based on. */
  updateAvailable: z.boolean(),
  lastRun: z.object({ id: z.string(), status: runStatusSchema, startedAt: z.string(), stopReason: z.string().nullable() }).nullable(),
});

export const installationSummarySchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  integrationName: z.string(),
  customerName: z.string(),
  externalId: z.string().nullable(),
  status: installationStatusSchema,
  /** Configuring until activated; only an active installation's schedules and polls fire. */
  lifecycle: z.enum(['configuring', 'active', 'paused']),
  enabled: z.boolean(),
  version: z.number().int().nullable(),
  latestVersion: z.number().int().nullable(),
  customised: z.boolean(),
  lastRun: z.object({ status: runStatusSchema, startedAt: z.string() }).nullable(),
  updatedAt: z.string(),
});

export const installationSchema = installationSummarySchema.extend({
  releaseId: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  connections: z.array(z.object({ key: z.string(), kind: z.string(), label: z.string(), connectionId: z.string().nullable() })),
  workflows: z.array(installationWorkflowSchema),
  createdAt: z.string(),
});

export const activitySchema = z.object({
  id: z.number().int(),
  installationId: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.unknown(),
});

export const rebaseReportSchema = z.object({
  installationId: z.string(),
  customerName: z.string(),
  workflowId: z.string(),
  /** Set when the report is about the installation's customised shared mapping (workflowId is then `mapping:<id>`). */
  mappingName: z.string().optional(),
  /**
   * `merged`: rebased onto the release with its changes merged in; `fast_forward`: moved to the
   * release with nothing to merge (the release did not change it, or nothing was customised);
   * `skipped`: left alone because its golden records' output would change (or could not be compared).
   */
  outcome: z.enum(['merged', 'fast_forward', 'conflicts', 'failed', 'up_to_date', 'skipped']),
  conflicts: z.number().int(),
  message: z.string(),
});

const id = z.object({ id: z.string().min(1) });

export const installationMethods = {
  'installations.list': method(z.object({ search: z.string().optional(), integrationId: z.string().optional() }).default({}), z.array(installationSummarySchema), 'viewer'),
  'installations.get': method(id, installationSchema, 'viewer'),
  'installations.create': method(
    z.object({ integrationId: z.string().min(1), customerName: z.string().min(1).max(200), externalId: z.string().max(200).optional(), config: z.record(z.string(), z.unknown()).default({}) }),
    installationSchema,
    'admin',
  ),
  'installations.setConnection': method(z.object({ id: z.string().min(1), key: z.string().min(1), connectionId: z.string().min(1) }), installationSchema, 'admin'),
  'installations.setConfig': method(z.object({ id: z.string().min(1), config: z.record(z.string(), z.unknown()) }), installationSchema, 'admin'),
  /** Pins a release (default: the latest), verifies connections and fires "on install" triggers. */
  'installations.install': method(
    z.object({ id: z.string().min(1), releaseId: z.string().optional(), wait: z.boolean().default(false) }),
    z.object({ installation: installationSchema, runs: z.array(runRecordSchema) }),
    'admin',
  ),
  'installations.setEnabled': method(z.object({ id: z.string().min(1), enabled: z.boolean() }), installationSchema, 'admin'),
  'installations.uninstall': method(id, installationSchema, 'admin'),
  'installations.activity': method(id, z.array(activitySchema), 'viewer'),
  /** Runs the installation's own version of a workflow: its user-specific version if it has one, else the pin. */
  'installations.runWorkflow': method(
    z.object({
      id: z.string().min(1), workflowId: z.string().min(1), input: z.unknown().optional(), mode: runModeSchema.default('live'),
      wait: z.boolean().default(false), testLimit: z.number().int().min(1).max(100_000).optional(),
    }),
    runRecordSchema,
    'operator',
  ),
  'installations.runs': method(z.object({ id: z.string().min(1), limit: z.number().int().min(1).max(500).default(50) }), z.array(runRecordSchema), 'viewer'),
  'userVersions.create': method(z.object({ installationId: z.string().min(1), workflowId: z.string().min(1) }), userVersionSchema, 'admin'),
  'userVersions.get': method(id, userVersionSchema, 'viewer'),
  'userVersions.save': method(z.object({ id: z.string().min(1), baseRev: z.number().int(), doc: workflowDocSchema }), userVersionSchema, 'admin'),
  /** Deletes the user-specific version: the installation runs the base version again. */
  'userVersions.revert': method(id, z.object({ reverted: z.boolean() }), 'admin'),
  'userVersions.diff': method(id, workflowDiffSchema, 'viewer'),
  /** The three-way merge onto a newer release; nothing is written. */
  'userVersions.rebasePreview': method(
    z.object({ id: z.string().min(1), releaseId: z.string().optional() }),
    mergeResultSchema.extend({
      targetVersionId: z.string(),
      targetVersion: z.number().int(),
      /** Problems the merged document would have if accepted as is (e.g. a reference to a block base removed). */
      issues: z.array(validationIssueSchema),
      /** The installation's golden records of this workflow replayed through the merge (null: none kept). */
      regression: regressionReportSchema.nullable(),
    }),
    'viewer',
  ),
  'userVersions.rebaseApply': method(
    z.object({ id: z.string().min(1), targetVersionId: z.string().min(1), baseRev: z.number().int(), resolutions: resolutionsSchema.default({}) }),
    /** `unconnected`: blocks the rebase brought back with nothing leading to them (see upgradeWorkflowSchema). */
    userVersionSchema.extend({ unconnected: z.array(z.string()).optional() }),
    'admin',
  ),
  /** Rebases every installation of an integration onto a release; reports per installation. */
  'installations.rebaseAll': method(
    z.object({
      integrationId: z.string().min(1), releaseId: z.string().optional(),
      /** Update only installations whose golden records replay to unchanged output (see golden.regressAll); the rest are reported `skipped`. */
      onlyUnchanged: z.boolean().default(false),
    }),
    z.array(rebaseReportSchema),
    'admin',
  ),
} as const;

export type UserVersion = z.infer<typeof userVersionSchema>;
export type InstallationRecord = z.infer<typeof installationSchema>;
export type InstallationSummary = z.infer<typeof installationSummarySchema>;
export type InstallationWorkflow = z.infer<typeof installationWorkflowSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type RebaseReport = z.infer<typeof rebaseReportSchema>;
