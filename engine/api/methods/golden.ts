import { z } from 'zod';
import { method } from '../method';

// Golden records and per-customer regression (issue 16). A golden set is a few input records kept
// from one run of an installation's workflow, with the outputs every block produced for them;
// `golden.regress` replays them through another version (no network, writes only shown) and lists
// what would change, record by record and field by field.

export const goldenRecordSchema = z.object({
  /** What the analyst recognises the record by: its NetSuite number, external id, or position. */
  key: z.string(),
  /** The source reader's saved output, sliced to this record (other readers' are the set's sharedInputs). */
  inputs: z.record(z.string(), z.unknown()),
  /** Every other step's output for this record, by step key (`map_orders`, `post_order[0]`). */
  outputs: z.record(z.string(), z.unknown()),
  /** How the run ended: `succeeded`, or `stopped: <reason>`, or `failed: <code>`. */
  outcome: z.string(),
});

export const goldenSetBodySchema = z.object({
  trigger: z.unknown(),
  /** The reading block whose records were kept, and where in its output they sit (`orders`). */
  sourceBlockId: z.string(),
  recordsPath: z.array(z.union([z.string(), z.number()])),
  /** Block ids and kinds of the readers whose outputs are kept, to tell when a version no longer fits. */
  readers: z.array(z.object({ blockId: z.string(), kind: z.string(), name: z.string() })),
  /** Outputs of the other readers (e.g. the orders a write-back pairs shipments with), kept once for every record. */
  sharedInputs: z.record(z.string(), z.unknown()).default({}),
  records: z.array(goldenRecordSchema),
  /** Source paths the kept-from version's Map Fields read: a later version reading others the records lack cannot be compared. */
  knownSources: z.array(z.string()).optional(),
  /** Shared mappings the workflow's Map Fields used: a rebase of the customer's mapping replays these records too. */
  mappingNames: z.array(z.string()).optional(),
});

export const goldenSetSummarySchema = z.object({
  id: z.string(),
  installationId: z.string(),
  workflowId: z.string(),
  workflowName: z.string(),
  name: z.string(),
  sourceRunId: z.string().nullable(),
  versionRef: z.string().nullable(),
  recordKeys: z.array(z.string()),
  /** Shared mappings these records went through. */
  mappingNames: z.array(z.string()),
  createdAt: z.string(),
});

export const goldenSetSchema = goldenSetSummarySchema.extend({ body: goldenSetBodySchema });

export const outputChangeSchema = z.object({
  /** Step key: the block id, with the loop iteration in brackets (`post_order[0]`); `(run)` for how the run ended. */
  step: z.string(),
  blockName: z.string(),
  path: z.string(),
  kind: z.enum(['changed', 'added', 'removed']),
  before: z.unknown(),
  after: z.unknown(),
  /** `records[0].lineItems[0].unit_cost: 12.5 → "12.50"` */
  text: z.string(),
});

export const regressionStatusSchema = z.enum(['unchanged', 'changed', 'cannot_compare', 'failed']);

export const recordRegressionSchema = z.object({
  key: z.string(),
  status: regressionStatusSchema,
  /** Why the record cannot be compared, or why the replay failed. */
  reason: z.string().nullable(),
  changes: z.array(outputChangeSchema),
});

export const setRegressionSchema = z.object({
  goldenSetId: z.string(),
  name: z.string(),
  workflowId: z.string(),
  workflowName: z.string(),
  status: regressionStatusSchema,
  reason: z.string().nullable(),
  records: z.array(recordRegressionSchema),
});

export const regressionReportSchema = z.object({
  installationId: z.string(),
  customerName: z.string(),
  /** What was compared against: `current`, `draft`, `release:N`. */
  version: z.string(),
  /** `no_golden_records` when there was nothing to replay: not a pass, just nothing known. */
  status: z.enum(['unchanged', 'changed', 'cannot_compare', 'failed', 'no_golden_records']),
  /** Merge conflicts of the customer's versions onto that version (the replay used the merge as it stands). */
  conflicts: z.number().int(),
  sets: z.array(setRegressionSchema),
});

/** One installation's answer to "what would updating to this release do?". */
export const upgradeCheckSchema = z.object({
  installationId: z.string(),
  customerName: z.string(),
  /**
   * `unchanged`: golden records replay to the same output (safe to apply); `changed`: the output
   * would change (see regression); `conflicts`: the merge needs decisions; `failed`: the preview
   * itself failed; `cannot_compare`: golden records no longer fit; `no_golden_records`: nothing to
   * replay; `up_to_date`: already on that release.
   */
  outcome: z.enum(['unchanged', 'changed', 'conflicts', 'failed', 'cannot_compare', 'no_golden_records', 'up_to_date']),
  conflicts: z.number().int(),
  message: z.string(),
  regression: regressionReportSchema.nullable(),
});

export const versionChoiceSchema = z.string().regex(/^(current|draft|release:\d+)$/, 'use current, draft or release:N');

const id = z.object({ id: z.string().min(1) });

export const goldenMethods = {
  /** Keeps up to `limit` input records of a run (test sync or live) with every block's output for them. */
  'golden.keep': method(
    z.object({
      runId: z.string().min(1), name: z.string().trim().min(1).max(200).optional(), limit: z.number().int().min(1).max(50).default(5),
      /** Pick records by the key they are shown with (their NetSuite number, e.g. PO-1042) instead of the first `limit`. */
      keys: z.array(z.string().min(1)).max(50).optional(),
    }),
    goldenSetSummarySchema,
    'admin',
  ),
  'golden.list': method(z.object({ installationId: z.string().min(1) }), z.array(goldenSetSummarySchema), 'viewer'),
  'golden.get': method(id, goldenSetSchema, 'viewer'),
  'golden.rename': method(z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(200) }), goldenSetSummarySchema, 'admin'),
  'golden.remove': method(id, z.object({ removed: z.boolean() }), 'admin'),
  /**
   * Replays an installation's golden records through a version: `current` (what it runs now),
   * `draft` (the base drafts, with the customer's versions merged in) or `release:N` (default: the
   * latest release, merged likewise). Nothing is written and nothing goes over the network.
   */
  'golden.regress': method(
    z.object({ installationId: z.string().min(1), version: versionChoiceSchema.optional(), goldenSetId: z.string().min(1).optional() }),
    regressionReportSchema,
    'operator',
  ),
  /** For "Update all installations": per installation, what updating to the release would do to its output. */
  'golden.regressAll': method(z.object({ integrationId: z.string().min(1), releaseId: z.string().min(1).optional() }), z.array(upgradeCheckSchema), 'operator'),
} as const;

export type UpgradeCheck = z.infer<typeof upgradeCheckSchema>;
export type GoldenRecord = z.infer<typeof goldenRecordSchema>;
export type GoldenSetBody = z.infer<typeof goldenSetBodySchema>;
export type GoldenSetSummary = z.infer<typeof goldenSetSummarySchema>;
export type GoldenSet = z.infer<typeof goldenSetSchema>;
export type OutputChange = z.infer<typeof outputChangeSchema>;
export type RecordRegression = z.infer<typeof recordRegressionSchema>;
export type SetRegression = z.infer<typeof setRegressionSchema>;
export type RegressionReport = z.infer<typeof regressionReportSchema>;
export type RegressionStatus = z.infer<typeof regressionStatusSchema>;
