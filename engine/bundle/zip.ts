import { unzipSync, zipSync, type Zippable } from 'fflate';
import { PatchbayError } from '../errors/patchbay-error';
import { BUNDLE_LIMITS, MANIFEST } from './format';

// The zip container. Writing is deterministic: entries in path order after the manifest, a fixed
// timestamp, fixed compression; the manifest is stored uncompressed so two exports of the same
// content differ only in its `exportedAt` bytes (and that entry's CRC). Reading enforces the size
// limits before inflating and refuses anything a reviewer's zip tool could show differently.

export type BundleFiles = ReadonlyMap<string, Uint8Array>;

/** A local-time date, so the DOS timestamp fields encode the same bytes in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function writeZip(files: BundleFiles): Uint8Array {
  const manifest = files.get(MANIFEST);
  if (!manifest) throw new PatchbayError('internal', 'A bundle is written with its manifest.');
  const zippable: Zippable = { [MANIFEST]: [manifest, { level: 0, mtime: FIXED_MTIME }] };
  for (const path of [...files.keys()].filter((p) => p !== MANIFEST).sort()) {
    zippable[path] = [files.get(path) as Uint8Array, { level: 6, mtime: FIXED_MTIME }];
  }
  return zipSync(zippable);
}

const tooLarge = (message: string): PatchbayError => new PatchbayError('bundle_too_large', message);

export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.length === 0) throw new PatchbayError('bundle_empty', 'The bundle file is empty (0 bytes); export it again, or choose the right file.');
  if (bytes.length > BUNDLE_LIMITS.compressedBytes) throw tooLarge(`Bundles are limited to ${BUNDLE_LIMITS.compressedBytes / 1024 / 1024} MB.`);
  let total = 0;
  const seen = new Set<string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        // Two entries of one name: zip tools disagree on which one they show, so refuse both.
        if (seen.has(file.name)) {
          throw new PatchbayError('bundle_duplicate_entry', `The bundle holds "${file.name}" twice; it was not made by Patchbay or was altered.`, { entry: file.name });
        }
        seen.add(file.name);
        // A stored entry is copied by its real size whatever it declares, and many directory
        // entries may point at the same bytes: count the larger of the two sizes, and refuse a
        // stored entry whose sizes disagree.
        total += Math.max(file.size, file.originalSize);
        if (file.compression === 0 && file.size !== file.originalSize) {
          throw new PatchbayError('bundle_invalid', `"${file.name}" declares a size it does not have; the bundle was altered.`, { entry: file.name });
        }
        if (seen.size > BUNDLE_LIMITS.entries || total > BUNDLE_LIMITS.uncompressedBytes) throw tooLarge('The bundle unpacks to more than Patchbay accepts.');
        return !file.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof PatchbayError) throw e;
    throw new PatchbayError('bundle_invalid', 'This file is not a Patchbay bundle (it is not a readable zip).');
  }
  return new Map(Object.entries(files));
}
