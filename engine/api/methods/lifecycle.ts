import { z } from 'zod';
import { resolutionsSchema } from '../../model/merge-schema';
import { method } from '../method';
import { regressionReportSchema } from './golden';
import { runRecordSchema } from '../records';
import { installationSchema } from './installations';

// An installation's lifecycle (configuring → active ⇄ paused) and its upgrade to a newer release.

export const lifecycleSchema = z.enum(['configuring', 'active', 'paused']);

/** Something that must be fixed before activation, said so a person can act on it. */
export const activationProblemSchema = z.object({
  /**
   * `held_backfill`: an on-install backfill still stops at its Stop block (activating would let the
   * listeners poll every historical order through the base mapping); `workflow`: an effective
   * version has blocks nothing leads to, or validation errors.
   */
  kind: z.enum(['not_installed', 'connection', 'rebase', 'held_backfill', 'workflow']),
  message: z.string(),
  /** The required connection's key, or the workflow to fix: lets the page point at it. */
  connectionKey: z.string().optional(),
  workflowId: z.string().optional(),
});

export const activationPreviewSchema = z.object({
  lifecycle: lifecycleSchema,
  ready: z.boolean(),
  problems: z.array(activationProblemSchema),
  /** Poll and schedule triggers that start firing, e.g. "every 5 minutes". */
  schedules: z.array(z.object({ workflowId: z.string(), name: z.string(), every: z.string() })),
  /** On-install workflows (backfills) that have not finished yet and run on activation. */
  backfills: z.array(z.object({ workflowId: z.string(), name: z.string(), heldBy: z.string().nullable() })),
});

export const upgradePlanSchema = z.enum(['unchanged', 'fast_forward', 'rebase_clean', 'rebase_conflicts', 'added']);

export const upgradeWorkflowSchema = z.object({
  workflowId: z.string(),
  name: z.string(),
  plan: upgradePlanSchema,
  customised: z.boolean(),
  conflicts: z.number().int(),
  /** In words: what happens to this workflow. */
  message: z.string(),
  /**
   * Blocks the rebase brings back with nothing leading to them (a block the customer's version
   * removed, its new release side taken): they never run until connected or deleted.
   */
  unconnected: z.array(z.string()).optional(),
});

/** A shared mapping's fate in an upgrade, as for workflows. */
export const upgradeMappingSchema = z.object({
  mappingId: z.string(),
  name: z.string(),
  plan: upgradePlanSchema,
  customised: z.boolean(),
  conflicts: z.number().int(),
  message: z.string(),
});

export const upgradePreviewSchema = z.object({
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int(),
  releaseId: z.string(),
  workflows: z.array(upgradeWorkflowSchema),
  mappings: z.array(upgradeMappingSchema),
  /** Workflows with an on-upgrade trigger: they run once the upgrade is applied. */
  willRun: z.array(z.object({ workflowId: z.string(), name: z.string() })),
  /** Conflicts without a decision: the upgrade is refused until they are decided. */
  blocked: z.boolean(),
  /** The installation's golden records replayed through the upgraded versions: what would change in its output (null: none kept). */
  regression: regressionReportSchema.nullable(),
});

const id = z.object({ id: z.string().min(1) });
const target = z.object({ id: z.string().min(1), releaseId: z.string().optional() });

export const lifecycleMethods = {
  /** What activation would start, and what must be fixed first; nothing is changed. */
  'installations.activationPreview': method(id, activationPreviewSchema, 'viewer'),
  /** Turns schedules and polls on and runs the backfills still waiting; refused with what to fix. */
  'installations.activate': method(
    z.object({ id: z.string().min(1), wait: z.boolean().default(false) }),
    z.object({ installation: installationSchema, runs: z.array(runRecordSchema) }),
    'operator',
  ),
  /** Turns schedules and polls off; test syncs and manual runs still work. */
  'installations.pause': method(id, installationSchema, 'operator'),
  /** Per workflow: unchanged, fast-forward, rebase (clean) or rebase (conflicts); nothing is written. */
  'installations.upgradePreview': method(target, upgradePreviewSchema, 'viewer'),
  /**
   * Moves the installation to a release (default: the latest) in one step: pins it, fast-forwards
   * base workflows, rebases user-specific versions and customer mappings (with `resolutions` per
   * workflow id, or `mapping:<mappingId>`, for conflicts) and runs on-upgrade triggers. Never
   * re-fires on-install triggers.
   */
  'installations.upgrade': method(
    target.extend({ resolutions: z.record(z.string(), resolutionsSchema).default({}), wait: z.boolean().default(false) }),
    z.object({ installation: installationSchema, workflows: z.array(upgradeWorkflowSchema), mappings: z.array(upgradeMappingSchema), runs: z.array(runRecordSchema) }),
    'admin',
  ),
} as const;

export type Lifecycle = z.infer<typeof lifecycleSchema>;
export type ActivationPreview = z.infer<typeof activationPreviewSchema>;
export type ActivationProblem = z.infer<typeof activationProblemSchema>;
export type UpgradePreview = z.infer<typeof upgradePreviewSchema>;
export type UpgradeWorkflow = z.infer<typeof upgradeWorkflowSchema>;
export type UpgradePlan = z.infer<typeof upgradePlanSchema>;
export type UpgradeMapping = z.infer<typeof upgradeMappingSchema>;
