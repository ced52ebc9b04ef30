import { z } from 'zod';
import { workflowDocSchema } from '../../model/workflow';
import { runModeSchema, runRecordSchema, runStatusSchema, stepRecordSchema } from '../records';
import { method } from '../method';

export const runMethods = {
  /**
   * Starts a run of a saved workflow (or of an unsaved `doc`, as the CLI does).
   * With `wait: true` it resolves when the run ends; otherwise at once, and progress streams
   * as events.
   */
  'runs.start': method(
    z
      .object({
        workflowId: z.string().min(1).optional(),
        doc: workflowDocSchema.optional(),
        input: z.unknown().optional(),
        mode: runModeSchema.default('live'),
        wait: z.boolean().default(false),
        /** Test syncs only: fetch blocks stop after this many records. */
        testLimit: z.number().int().min(1).max(100_000).optional(),
        /** Run as this customer: the draft reads the installation's connections and config ("run as customer…"). */
        installationId: z.string().min(1).optional(),
      })
      .refine((a) => a.workflowId !== undefined || a.doc !== undefined, {
        message: 'give workflowId or doc',
      }),
    runRecordSchema,
    'operator',
  ),
  /** Runs the same document and input again; by default reusing the steps that had finished. */
  'runs.rerun': method(
    z.object({ id: z.string().min(1), fromFailedStep: z.boolean().default(true), wait: z.boolean().default(false) }),
    runRecordSchema,
    'operator',
  ),
  'runs.cancel': method(z.object({ id: z.string().min(1) }), runRecordSchema, 'operator'),
  'runs.get': method(z.object({ id: z.string().min(1) }), runRecordSchema, 'viewer'),
  'runs.list': method(
    z.object({ workflowId: z.string().optional(), limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }),
    z.array(runRecordSchema),
    'viewer',
  ),
  /**
   * A run's steps in the order they started, a page at a time: `afterSeq` is the sequence number
   * (the part after the last ':' of a step id) of the last step already read. Steps still running
   * come with the last page.
   */
  'runs.steps': method(
    z.object({
      runId: z.string().min(1),
      afterSeq: z.number().int().min(-1).default(-1),
      limit: z.number().int().min(1).max(10_000).default(10_000),
    }),
    z.array(stepRecordSchema),
    'viewer',
  ),
  /** Runs across installations, newest first: the Runs page's filters. */
  'runs.search': method(
    z.object({
      installationId: z.string().min(1).optional(),
      workflowId: z.string().min(1).optional(),
      status: runStatusSchema.optional(),
      mode: runModeSchema.optional(),
      /** ISO date-times bounding when the run started. */
      since: z.string().datetime({ offset: true }).optional(),
      until: z.string().datetime({ offset: true }).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }).default({ limit: 100 }),
    z.array(runRecordSchema),
    'viewer',
  ),
} as const;
