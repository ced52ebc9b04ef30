import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { PatchbayError } from '../errors/patchbay-error';
import { readFolder } from './folder';
import { BUNDLE_LIMITS } from './format';
import { readBundleFiles, type ReadBundle } from './read';
import { readZip, type BundleFiles } from './zip';

// One entry point for the hosts: a bundle given as zip bytes, a zip file or an unpacked folder
// is read and checked the same way.

export interface OpenedBundle extends ReadBundle {
  readonly files: BundleFiles;
}

export function openBundleBytes(bytes: Uint8Array): OpenedBundle {
  const files = readZip(bytes);
  return { ...readBundleFiles(files), files };
}

/** A `.patchbay` file or a folder made by `bundle unpack`. */
export function openBundlePath(path: string): OpenedBundle {
  if (!existsSync(path)) throw new PatchbayError('not_found', `Cannot read bundle "${path}": no such file or folder.`, { path });
  if (lstatSync(path).isDirectory()) {
    const files = readFolder(path);
    return { ...readBundleFiles(files), files };
  }
  if (lstatSync(path).size > BUNDLE_LIMITS.compressedBytes) {
    throw new PatchbayError('bundle_too_large', `Bundles are limited to ${BUNDLE_LIMITS.compressedBytes / 1024 / 1024} MB; "${path}" is larger.`, { path });
  }
  return openBundleBytes(new Uint8Array(readFileSync(path)));
}

/** Counts and names a person can check before importing (for `bundle inspect`). */
export function summarize(bundle: OpenedBundle) {
  const { content } = bundle;
  return {
    formatVersion: bundle.formatVersion,
    exportedAt: content.exportedAt,
    ...(content.exportedBy ? { exportedBy: content.exportedBy } : {}),
    integrations: content.integrations.map((i) => ({
      id: i.id,
      name: i.name,
      workflows: content.workflows.filter((w) => w.integrationId === i.id).map((w) => w.name).sort(),
      mappings: content.mappings.filter((m) => m.integrationId === i.id).map((m) => m.name).sort(),
      releases: content.releases.filter((r) => r.integrationId === i.id).map((r) => r.version).sort((a, b) => a - b),
      installations: content.installations.filter((x) => x.integrationId === i.id).map((x) => ({
        customerName: x.customerName,
        customised: [
          ...content.custom.filter((c) => c.installationId === x.id).map((c) => content.workflows.find((w) => w.id === c.workflowId)?.name ?? c.doc.name),
          ...content.customMappings.filter((m) => m.installationId === x.id).map((m) => `mapping ${m.doc.name}`),
        ].sort(),
      })),
    })),
    workflows: content.workflows.filter((w) => w.integrationId === null).map((w) => w.name).sort(),
    files: bundle.files.size,
  };
}
