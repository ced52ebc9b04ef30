import { z } from 'zod';
import { workflowDocSchema } from '../../model/workflow';
import { validationIssueSchema, workflowRecordSchema, workflowSummarySchema } from '../records';
import { method } from '../method';

const id = z.object({ id: z.string().min(1) });

export const workflowMethods = {
  'workflows.list': method(z.object({}).default({}), z.array(workflowSummarySchema), 'viewer'),
  'workflows.get': method(id, workflowRecordSchema, 'viewer'),
  'workflows.create': method(
    z.object({ name: z.string().min(1).max(200), doc: workflowDocSchema.optional() }),
    workflowRecordSchema,
    'admin',
  ),
  /** `baseRev` is the revision the edit started from; a stale one is refused with rev_conflict. */
  'workflows.save': method(
    z.object({ id: z.string().min(1), baseRev: z.number().int(), doc: workflowDocSchema }),
    workflowRecordSchema,
    'admin',
  ),
  'workflows.rename': method(
    z.object({ id: z.string().min(1), name: z.string().min(1).max(200) }),
    workflowRecordSchema,
    'admin',
  ),
  'workflows.duplicate': method(
    z.object({ id: z.string().min(1), name: z.string().min(1).max(200).optional() }),
    workflowRecordSchema,
    'admin',
  ),
  'workflows.delete': method(id, z.object({ deleted: z.boolean() }), 'admin'),
  /** With `workflowId` (a base workflow) or `installationId` (a user-specific version), Map Fields
   * blocks naming a mapping the integration or installation lacks are reported too. */
  'workflows.validate': method(
    z.object({ doc: z.unknown(), workflowId: z.string().min(1).optional(), installationId: z.string().min(1).optional() }),
    z.object({ ok: z.boolean(), issues: z.array(validationIssueSchema) }),
    'viewer',
  ),
} as const;
