import { z } from 'zod';
import { validationIssueSchema, type ValidationIssue } from '../model/validation-issue';
import { workflowDocSchema } from '../model/workflow';

export { validationIssueSchema, type ValidationIssue };

// Records the engine returns. Timestamps are ISO strings so every transport carries them as is.
export const workflowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  rev: z.number().int(),
  updatedAt: z.string(),
  blockCount: z.number().int(),
});

export const workflowRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  rev: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doc: workflowDocSchema,
});

export const runStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'stopped', 'cancelled']);
export const stepStatusSchema = z.enum(['running', 'succeeded', 'failed', 'skipped']);
export const runModeSchema = z.enum(['live', 'test']);

export const errorPayloadSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const runRecordSchema = z.object({
  id: z.string(),
  workflowId: z.string().nullable(),
  workflowName: z.string(),
  mode: runModeSchema,
  status: runStatusSchema,
  input: z.unknown(),
  error: errorPayloadSchema.nullable(),
  stopReason: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  stepCount: z.number().int(),
  /** Whose run it is: the installation and its customer (null for a run of a draft on its own). */
  installationId: z.string().nullable().optional(),
  customerName: z.string().nullable().optional(),
  /** A test sync's record limit. */
  testRecordLimit: z.number().int().nullable().optional(),
});

export const stepRecordSchema = z.object({
  id: z.string(),
  runId: z.string(),
  blockId: z.string(),
  blockKind: z.string(),
  iteration: z.number().int().nullable(),
  /** Indexes of every enclosing For Each, outermost first ("2.0"); null at top level. */
  iterationPath: z.string().nullable(),
  attempt: z.number().int(),
  status: stepStatusSchema,
  input: z.unknown(),
  output: z.unknown(),
  error: errorPayloadSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** The block's name in the run's document, so steps read by name wherever they are shown. */
  blockName: z.string().optional(),
});


export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;
export type WorkflowRecord = z.infer<typeof workflowRecordSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type StepStatus = z.infer<typeof stepStatusSchema>;
export type RunMode = z.infer<typeof runModeSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
export type StepRecord = z.infer<typeof stepRecordSchema>;
