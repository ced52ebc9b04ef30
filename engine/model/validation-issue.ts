import { z } from 'zod';

/** One problem validation found in a workflow: the contract serves it as is (api/records). */
export const validationIssueSchema = z.object({
  /** Errors stop a run; warnings (e.g. a block nothing leads to) are shown but do not. */
  severity: z.enum(['error', 'warning']),
  blockId: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
});

export type ValidationIssue = z.infer<typeof validationIssueSchema>;
