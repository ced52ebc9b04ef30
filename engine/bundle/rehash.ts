import { PatchbayError } from '../errors/patchbay-error';
import { canonicalBytes, jsonDepthExceeds, MAX_JSON_DEPTH } from './canonical';
import { BUNDLE_FORMAT_VERSION, kindOfPath, MANIFEST } from './format';
import { readBundleFiles } from './read';
import { manifestFor } from './write';
import type { BundleFiles } from './zip';

// After a person edits a bundle folder by hand (a reviewed change in git), `pack --rehash` puts
// every file back in canonical form and lists the new sizes and hashes. It keeps the manifest's
// timestamp and author, and checks the result exactly as an import would, so a bad edit is still
// refused (naming its file) before anything is written.

function parseLoose(path: string, bytes: Uint8Array): unknown {
  let text = new TextDecoder().decode(bytes);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    const value = JSON.parse(text) as unknown;
    if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) throw new Error(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    return value;
  } catch (e) {
    throw new PatchbayError('bundle_invalid', `"${path}" is not valid JSON (${(e as Error).message}); fix it, then pack again.`, { entry: path });
  }
}

export function rehashFiles(files: BundleFiles): Map<string, Uint8Array> {
  const old = files.get(MANIFEST);
  const meta = old ? (parseLoose(MANIFEST, old) as { formatVersion?: unknown; exportedAt?: unknown; exportedBy?: unknown }) : {};
  if (typeof meta.formatVersion === 'number' && meta.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new PatchbayError('bundle_invalid', `"${MANIFEST}" is format ${meta.formatVersion}; only format ${BUNDLE_FORMAT_VERSION} folders can be rehashed. Unpack the bundle again with this Patchbay first.`, { entry: MANIFEST });
  }
  const out = new Map<string, Uint8Array>();
  for (const [path, bytes] of files) {
    if (path === MANIFEST) continue;
    if (!kindOfPath(path)) throw new PatchbayError('bundle_extra_file', `"${path}" is not a file a Patchbay bundle contains (unexpected name or folder); remove it.`, { entry: path });
    out.set(path, canonicalBytes(parseLoose(path, bytes)));
  }
  const manifest = manifestFor(out, {
    exportedAt: typeof meta.exportedAt === 'string' ? meta.exportedAt : new Date().toISOString(),
    exportedBy: typeof meta.exportedBy === 'string' ? meta.exportedBy : undefined,
  });
  out.set(MANIFEST, canonicalBytes(manifest));
  readBundleFiles(out);
  return out;
}
