import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PatchbayError } from '../errors/patchbay-error';
import { BUNDLE_LIMITS, MANIFEST } from './format';
import type { BundleFiles } from './zip';

// A bundle unpacked into a folder, for git. Hidden names (.git, .DS_Store, .gitattributes) are
// not part of the bundle and are left alone; everything else must be listed in the manifest.
// Symbolic links are refused: a bundle never points outside itself.

const hidden = (name: string): boolean => name.startsWith('.');

/** Every non-hidden file under `root`, by its '/'-separated path relative to it. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      if (hidden(name)) continue;
      const path = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(join(root, path));
      if (stat.isSymbolicLink()) throw new PatchbayError('bundle_invalid', `"${path}" is a symbolic link; a bundle folder holds only plain files.`, { entry: path });
      if (stat.isDirectory()) walk(path);
      else out.push(path);
      if (out.length > BUNDLE_LIMITS.entries) throw new PatchbayError('bundle_too_large', 'The folder holds more files than a bundle may.');
    }
  };
  walk('');
  return out;
}

export function readFolder(root: string): Map<string, Uint8Array> {
  if (!existsSync(root) || !lstatSync(root).isDirectory()) throw new PatchbayError('not_found', `"${root}" is not a folder.`, { path: root });
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const path of listFiles(root)) {
    // Sized before reading, so a huge stray file is refused without being loaded.
    total += lstatSync(join(root, path)).size;
    if (total > BUNDLE_LIMITS.uncompressedBytes) throw new PatchbayError('bundle_too_large', 'The folder holds more than a bundle may.');
    files.set(path, new Uint8Array(readFileSync(join(root, path))));
  }
  return files;
}

/** The files a previous unpack wrote here, read from its manifest (none when there is none). */
function previousEntries(root: string): Set<string> {
  const manifestPath = join(root, MANIFEST);
  if (!existsSync(manifestPath)) return new Set();
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { entries?: { path?: unknown }[] };
    return new Set([MANIFEST, ...(manifest.entries ?? []).map((e) => String(e.path))]);
  } catch {
    return new Set();
  }
}

/**
 * Writes the files into `root`: an empty or new folder, or one holding an earlier unpack of a
 * bundle (whose files are replaced, so git shows what changed). Any other file there refuses the
 * unpack before anything is touched.
 */
export function writeFolder(root: string, files: BundleFiles): void {
  if (existsSync(root)) {
    if (!lstatSync(root).isDirectory()) throw new PatchbayError('bad_request', `"${root}" exists and is not a folder.`, { path: root });
    const previous = previousEntries(root);
    const present = listFiles(root);
    const stranger = present.find((p) => !previous.has(p));
    if (stranger !== undefined) {
      throw new PatchbayError('bundle_extra_file', `"${stranger}" in the folder is not part of a bundle; unpack into an empty folder, or remove it.`, { entry: stranger });
    }
    // Only files found under the folder are removed: a manifest naming "../x" reaches nothing.
    for (const path of present) rmSync(join(root, path), { force: true });
    pruneEmptyFolders(root);
  }
  for (const [path, bytes] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  if (!existsSync(join(root, '.gitattributes'))) writeFileSync(join(root, '.gitattributes'), GIT_ATTRIBUTES);
}

/** Files are hashed byte for byte: git must not turn LF into CRLF on checkout (core.autocrlf). */
const GIT_ATTRIBUTES = '# Written by `patchbay bundle unpack`: the manifest hashes every file byte for byte.\n* -text\n';

function pruneEmptyFolders(root: string): void {
  const prune = (dir: string): boolean => {
    let empty = true;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (lstatSync(path).isDirectory() && !hidden(name) && prune(path)) rmdirSync(path);
      else empty = false;
    }
    return empty;
  };
  prune(root);
}

/** Rewrites in place the files of a folder just read (after `pack --rehash`): only those that changed. */
export function rewriteFolderFiles(root: string, files: BundleFiles): void {
  for (const [path, bytes] of files) {
    const target = join(root, path);
    if (!existsSync(target) || !Buffer.from(readFileSync(target)).equals(Buffer.from(bytes))) writeFileSync(target, bytes);
  }
}
