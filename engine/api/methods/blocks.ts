import { z } from 'zod';
import { portSchema } from '../../model/workflow';
import { method } from '../method';

// The block catalog: everything the UI needs to know about a block kind (palette entry, handles,
// the config a new block starts with, a generic form) except how it runs. The engine's block
// folders are the only source; the renderer keeps no copy.

export const blockCategorySchema = z.enum(['trigger', 'flow', 'data', 'http', 'code', 'netsuite']);
export type BlockCategory = z.infer<typeof blockCategorySchema>;

/** One field of a generic inspector form; kinds that need more keep a React form of their own. */
export const blockFormFieldSchema = z.object({
  key: z.string().min(1),
  label: z.string(),
  type: z.enum(['text', 'textarea', 'template', 'number', 'boolean', 'select', 'connection']),
  hint: z.string().optional(),
  placeholder: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** For `connection` fields: which connection kind the picker lists. */
  connectionKind: z.string().optional(),
});
export type BlockFormField = z.infer<typeof blockFormFieldSchema>;

export const blockTraitsSchema = z.object({ trigger: z.boolean(), container: z.boolean(), terminal: z.boolean(), mapsFields: z.boolean() });

export const blockCatalogEntrySchema = z.object({
  kind: z.string(),
  title: z.string(),
  category: blockCategorySchema,
  description: z.string(),
  /** Short glyph drawn on the node; plain text keeps the bundle free of icon fonts. */
  icon: z.string(),
  /** Prefix for new block ids, which users type in references: `{{ steps.<id>.output }}`. */
  idPrefix: z.string(),
  /** Output ports in canvas order. */
  ports: z.array(portSchema),
  defaultConfig: z.record(z.string(), z.unknown()),
  /** At most one per workflow. */
  unique: z.boolean(),
  traits: blockTraitsSchema,
  /** Fields of the generic inspector form; empty for kinds whose form needs more (the UI has one). */
  form: z.array(blockFormFieldSchema),
  /** The config as written (before templates resolve), as JSON Schema. */
  configSchema: z.record(z.string(), z.unknown()),
  /** Config keys kept as written, never template-resolved (mapping rules, code). */
  rawConfigKeys: z.array(z.string()),
});
export type BlockCatalogEntry = z.infer<typeof blockCatalogEntrySchema>;

export const blockMethods = {
  /** Every block kind the engine can run, in palette order. */
  'blocks.catalog': method(z.object({}).default({}), z.array(blockCatalogEntrySchema), 'viewer'),
} as const;
