import { z } from 'zod';
import { targetFieldSchema } from '../../mapping/rules';
import { method } from '../method';

// What the visual mapper draws its two trees from: the source account's fields (metadata
// discovery through a NetSuite connection) and sample records fetched through it, and the target
// system's fields from its JSON Schema / OpenAPI document (served by a connection, or pasted).

export const sourceFieldInfoSchema = z.object({
  path: z.string(),
  label: z.string().optional(),
  type: z.string().optional(),
  custom: z.boolean().optional(),
  options: z.array(z.string()).optional(),
});

export const mappingFieldMethods = {
  /** Standard and custom fields of a record type, with the account's labels. */
  'mapping.sourceFields': method(
    z.object({ connectionId: z.string().min(1), recordType: z.string().min(1).max(100).default('purchaseOrder') }),
    z.object({ fields: z.array(sourceFieldInfoSchema) }),
    'viewer',
  ),
  /** A few records (normalised to the record-API shape) to map and preview with. */
  'mapping.sampleRecords': method(
    z.object({ connectionId: z.string().min(1), limit: z.number().int().min(1).max(25).default(5) }),
    z.object({ records: z.array(z.unknown()) }),
    'operator',
  ),
  /** Target fields from a connection's published schema, or from a pasted JSON Schema / OpenAPI document. */
  'mapping.targetFields': method(
    z
      .object({ connectionId: z.string().min(1).optional(), document: z.string().max(4 * 1024 * 1024).optional(), schemaName: z.string().max(200).optional() })
      .refine((a) => (a.connectionId === undefined) !== (a.document === undefined), { message: 'Give a connectionId or a document, not both.' }),
    z.object({ fields: z.array(targetFieldSchema), from: z.string() }),
    'viewer',
  ),
} as const;

export type SourceFieldInfoResult = z.infer<typeof sourceFieldInfoSchema>;
