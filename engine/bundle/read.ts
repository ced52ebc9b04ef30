import type { z } from 'zod';
import { PatchbayError } from '../errors/patchbay-error';
import { parseCanonical } from './canonical';
import { docOf, type BundleContent } from './content';
import { BUNDLE_FORMAT_VERSION, entrySchemas, kindOfPath, MANIFEST, manifestHeadSchema, manifestSchema, type EntryKind, type Manifest } from './format';
import { checkReferences } from './references';
import { readLegacyV1 } from './legacy-v1';
import { sha256 } from './write';
import type { BundleFiles } from './zip';

// Reading a bundle (from a zip or a folder): the manifest must list exactly the files present, each
// with its size and sha256; each file must be canonical JSON of its kind's schema; every reference
// must resolve inside the bundle. Any failure names the file and nothing is written anywhere.

export interface ReadBundle {
  readonly formatVersion: number;
  readonly manifest: Manifest | null;
  readonly content: BundleContent;
}

function invalid(entry: string, message: string): PatchbayError {
  return new PatchbayError('bundle_invalid', `"${entry}" ${message}`, { entry });
}

function parseAs<S extends z.ZodType>(schema: S, entry: string, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(entry, `does not match the bundle format: ${r.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`).join('; ')}`);
  return r.data;
}

function readHead(files: BundleFiles): z.infer<typeof manifestHeadSchema> {
  const bytes = files.get(MANIFEST);
  if (!bytes) throw new PatchbayError('bundle_missing_file', `"${MANIFEST}" is missing; this is not a Patchbay bundle, or its manifest was deleted.`, { entry: MANIFEST });
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw invalid(MANIFEST, 'is not valid JSON; export the bundle again.');
  }
  const head = manifestHeadSchema.safeParse(raw);
  if (!head.success) throw invalid(MANIFEST, 'is not a Patchbay bundle manifest.');
  if (head.data.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new PatchbayError('bundle_newer_format', `"${MANIFEST}" is format ${head.data.formatVersion}, made by a newer Patchbay (this one reads up to ${BUNDLE_FORMAT_VERSION}); update Patchbay to import it.`, {
      entry: MANIFEST, formatVersion: head.data.formatVersion, supported: BUNDLE_FORMAT_VERSION,
    });
  }
  return head.data;
}

/** Exactly the listed files, each of the listed size and hash. */
function verifyAgainstManifest(files: BundleFiles, manifest: Manifest): void {
  const listed = new Map(manifest.entries.map((e) => [e.path, e]));
  if (listed.size !== manifest.entries.length) throw invalid(MANIFEST, 'lists a file twice; export the bundle again.');
  for (const path of [...files.keys()].sort()) {
    if (path !== MANIFEST && !listed.has(path)) {
      throw new PatchbayError('bundle_extra_file', `"${path}" is not listed in the manifest; remove it (a new workflow file added on purpose is listed by \`patchbay bundle pack DIR --rehash\`).`, { entry: path });
    }
  }
  for (const entry of manifest.entries) {
    const bytes = files.get(entry.path);
    if (!bytes) throw new PatchbayError('bundle_missing_file', `"${entry.path}" is listed in the manifest but missing; restore it (e.g. from git) or export again.`, { entry: entry.path });
    if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) {
      throw new PatchbayError('bundle_checksum_mismatch', `"${entry.path}" does not match the size and sha256 in the manifest; it was edited after export. Restore it, or run \`patchbay bundle pack DIR --rehash\` if the edit is intended.`, { entry: entry.path });
    }
  }
}

/** Entries whose `doc` is a workflow document (migrated on read); mappings carry mapping documents. */
const WORKFLOW_KINDS: ReadonlySet<EntryKind> = new Set(['workflow', 'version', 'custom']);

/** Sorts each checked entry into its kind, migrating workflow documents on the way. */
function collect(files: BundleFiles, paths: Map<object, string>): BundleContent {
  const byKind: { [K in EntryKind]: unknown[] } = { integration: [], workflow: [], release: [], version: [], mapping: [], releasedMapping: [], installation: [], custom: [], customMapping: [] };
  for (const path of [...files.keys()].filter((p) => p !== MANIFEST).sort()) {
    const kind = kindOfPath(path);
    if (!kind) throw invalid(path, 'is not a file a Patchbay bundle contains (unexpected name or folder).');
    const value = parseAs(entrySchemas[kind], path, parseCanonical(path, files.get(path) as Uint8Array));
    const entity = WORKFLOW_KINDS.has(kind) && 'doc' in value ? { ...value, doc: docOf(path, value.doc) } : value;
    paths.set(entity, path);
    byKind[kind].push(entity);
  }
  const as = <T>(list: unknown[]): T => list as T;
  return {
    exportedAt: '',
    integrations: as(byKind.integration), workflows: as(byKind.workflow), releases: as(byKind.release), versions: as(byKind.version),
    mappings: as(byKind.mapping), releasedMappings: as(byKind.releasedMapping), customMappings: as(byKind.customMapping),
    installations: as(byKind.installation), custom: as(byKind.custom),
  };
}

export function readBundleFiles(files: BundleFiles): ReadBundle {
  const head = readHead(files);
  if (head.formatVersion === 1) return { formatVersion: 1, manifest: null, content: readLegacyV1(files) };
  const manifest = parseAs(manifestSchema, MANIFEST, parseCanonical(MANIFEST, files.get(MANIFEST) as Uint8Array));
  verifyAgainstManifest(files, manifest);
  const paths = new Map<object, string>();
  const content: BundleContent = { ...collect(files, paths), exportedAt: manifest.exportedAt, exportedBy: manifest.exportedBy };
  checkReferences(content, (entity) => paths.get(entity) ?? MANIFEST);
  return { formatVersion: head.formatVersion, manifest, content };
}
