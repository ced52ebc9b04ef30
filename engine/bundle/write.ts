import { createHash } from 'node:crypto';
import { canonicalBytes } from './canonical';
import type { BundleContent } from './content';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST, type Manifest, type ManifestEntry } from './format';
import { layoutPaths } from './layout';
import type { BundleFiles } from './zip';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The manifest for a set of entry files: every file's size and sha256, in path order. */
export function manifestFor(entries: BundleFiles, meta: { exportedAt: string; exportedBy?: string | undefined }): Manifest {
  const list: ManifestEntry[] = [...entries.keys()].filter((p) => p !== MANIFEST).sort().map((path) => {
    const bytes = entries.get(path) as Uint8Array;
    return { path, size: bytes.length, sha256: sha256(bytes) };
  });
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: meta.exportedAt,
    ...(meta.exportedBy ? { exportedBy: meta.exportedBy } : {}),
    entries: list,
  };
}

/** Every entity as one canonical file at its readable path, plus the manifest. */
export function contentToFiles(content: BundleContent): Map<string, Uint8Array> {
  const paths = layoutPaths(content);
  const files = new Map<string, Uint8Array>();
  const all: readonly object[] = [
    ...content.integrations, ...content.workflows, ...content.releases, ...content.versions,
    ...content.mappings, ...content.releasedMappings, ...content.customMappings, ...content.installations, ...content.custom,
  ];
  for (const entity of all) {
    const path = paths.get(entity);
    // Only an entity whose parent is not in the content has no path; export never builds one.
    if (path === undefined) throw new Error(`bundle layout: an entity has no parent in the bundle (${JSON.stringify(Object.keys(entity))})`);
    files.set(path, canonicalBytes(entity));
  }
  files.set(MANIFEST, canonicalBytes(manifestFor(files, content)));
  return files;
}
