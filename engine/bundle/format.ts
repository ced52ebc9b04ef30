import { z } from 'zod';
import { requiredConnectionSchema } from '../api/methods/integrations';
import { mappingDocSchema } from '../model/mapping-doc';

// A workflow bundle: one canonical JSON file per entity (integration, base draft, release, released
// workflow version, mapping, installation, user-specific version) plus a manifest of every file's
// size and sha256. As a zip it travels; unpacked to a folder it diffs well in git. Never secrets:
// connections are named by what the integration needs, never by their credentials.
export const BUNDLE_FORMAT = 'patchbay-bundle';
/** 1: a zip of per-integration JSON blobs, no checksums. 2: canonical files and a manifest. */
export const BUNDLE_FORMAT_VERSION = 2;
export const MANIFEST = 'manifest.json';

export const BUNDLE_LIMITS = {
  compressedBytes: 5 * 1024 * 1024,
  uncompressedBytes: 50 * 1024 * 1024,
  entries: 2000,
} as const;

const segment = '[a-z0-9][a-z0-9_-]{0,79}';

/**
 * Entry paths are fixed shapes with readable names chosen by Patchbay: no `..`, no absolute paths,
 * no folders of the bundle's own choosing. The shape decides the entry's kind.
 */
export const ENTRY_SHAPES = {
  integration: new RegExp(`^integrations/${segment}/integration\\.json$`),
  workflow: new RegExp(`^(integrations/${segment}/)?workflows/${segment}\\.json$`),
  release: new RegExp(`^integrations/${segment}/releases/v[0-9]{1,6}/release\\.json$`),
  version: new RegExp(`^integrations/${segment}/releases/v[0-9]{1,6}/workflows/${segment}\\.json$`),
  mapping: new RegExp(`^integrations/${segment}/mappings/${segment}\\.json$`),
  releasedMapping: new RegExp(`^integrations/${segment}/releases/v[0-9]{1,6}/mappings/${segment}\\.json$`),
  installation: new RegExp(`^integrations/${segment}/installations/${segment}/installation\\.json$`),
  custom: new RegExp(`^integrations/${segment}/installations/${segment}/workflows/${segment}\\.json$`),
  customMapping: new RegExp(`^integrations/${segment}/installations/${segment}/mappings/${segment}\\.json$`),
} as const;

export type EntryKind = keyof typeof ENTRY_SHAPES;
export const ENTRY_KINDS = Object.keys(ENTRY_SHAPES) as EntryKind[];

export function kindOfPath(path: string): EntryKind | undefined {
  return ENTRY_KINDS.find((k) => ENTRY_SHAPES[k].test(path));
}

export const manifestEntrySchema = z.strictObject({
  path: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** `exportedAt` is the only field that differs between two exports of the same content. */
export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  exportedAt: z.string(),
  exportedBy: z.string().optional(),
  entries: z.array(manifestEntrySchema),
});

/** Only what every format version shares, read first to decide how to read the rest. */
export const manifestHeadSchema = z.object({ format: z.literal(BUNDLE_FORMAT), formatVersion: z.number().int().min(1) });

const id = z.string().min(1).max(200);
const doc = z.unknown();

export const entrySchemas = {
  integration: z.strictObject({ id, name: z.string().min(1), description: z.string(), requiredConnections: z.array(requiredConnectionSchema) }),
  /** A base workflow's draft (integrationId set) or a workflow of its own (null). */
  workflow: z.strictObject({ id, integrationId: id.nullable(), name: z.string().min(1), doc }),
  release: z.strictObject({ id, integrationId: id, version: z.number().int().min(1), notes: z.string(), createdAt: z.string() }),
  version: z.strictObject({ id, releaseId: id, workflowId: id, name: z.string().min(1), doc }),
  /**
   * Shared mappings (a named, versioned part of an integration): the draft, the version frozen in a
   * release, and a customer's user-specific version with the released one it came from. `doc` is
   * the mapping document `{ id, name, rules, notes }`, whose `id` is the mapping's.
   */
  mapping: z.strictObject({ id, integrationId: id, name: z.string().min(1), doc: mappingDocSchema }),
  releasedMapping: z.strictObject({ id, releaseId: id, mappingId: id, name: z.string().min(1), doc: mappingDocSchema }),
  customMapping: z.strictObject({ id, installationId: id, mappingId: id, ancestorId: id, doc: mappingDocSchema }),
  /** The customer a user-specific version belongs to; never its connections or settings. */
  installation: z.strictObject({ id, integrationId: id, customerName: z.string().min(1), externalId: z.string().nullable(), releaseId: id.nullable() }),
  custom: z.strictObject({ id, installationId: id, workflowId: id, ancestorVersionId: id, doc }),
} as const satisfies Record<EntryKind, z.ZodType>;

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type EntryOf<K extends EntryKind> = z.infer<(typeof entrySchemas)[K]>;
