import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PatchbayError, toErrorPayload } from '../../errors/patchbay-error';
import { readFolder, rewriteFolderFiles, writeFolder } from '../../bundle/folder';
import { openBundlePath, summarize, type OpenedBundle } from '../../bundle/open';
import { rehashFiles } from '../../bundle/rehash';
import { readBundleFiles } from '../../bundle/read';
import { contentToFiles } from '../../bundle/write';
import { writeZip, type BundleFiles } from '../../bundle/zip';
import { stringFlag, type ParsedArgs } from './args';
import type { CliIo } from './command';
import { printJson } from './io';

// The bundle sub-commands that need no data folder: unpack, pack, inspect. Each reads and checks
// the whole bundle first, so a bad one is refused (with the code naming the file) before anything
// is written.

/** The files of a bundle in the current format; an older bundle is migrated (new layout, new manifest). */
export function currentFiles(bundle: OpenedBundle): BundleFiles {
  return bundle.formatVersion === 1 ? contentToFiles(bundle.content) : bundle.files;
}

/** A bundle file or folder as zip bytes, checked (what import sends to the engine). */
export function bundleBytesAt(io: CliIo, path: string): Uint8Array {
  return writeZip(currentFiles(openBundlePath(resolve(io.cwd, path))));
}

export function unpack(io: CliIo, file: string | undefined, dir: string | undefined): number {
  if (!file || !dir) throw new PatchbayError('bad_request', 'Usage: patchbay bundle unpack FILE DIR');
  const bundle = openBundlePath(resolve(io.cwd, file));
  const files = currentFiles(bundle);
  writeFolder(resolve(io.cwd, dir), files);
  printJson(io, { folder: dir, files: files.size, migratedFrom: bundle.formatVersion === 1 ? 1 : undefined });
  return 0;
}

export function pack(io: CliIo, dir: string | undefined, args: ParsedArgs): number {
  const out = stringFlag(args, 'out');
  if (!dir || !out) throw new PatchbayError('bad_request', 'Usage: patchbay bundle pack DIR --out FILE [--rehash]');
  const root = resolve(io.cwd, dir);
  let files: BundleFiles = readFolder(root);
  if (args.flags.rehash === true) {
    files = rehashFiles(files);
    rewriteFolderFiles(root, files);
  } else {
    readBundleFiles(files);
  }
  const bytes = writeZip(files);
  writeFileSync(resolve(io.cwd, out), bytes);
  printJson(io, { file: out, bytes: bytes.length, files: files.size, rehashed: args.flags.rehash === true });
  return 0;
}

/** The manifest and a summary, or the refusal (code, message, file) as JSON with exit code 1. */
export function inspect(io: CliIo, path: string | undefined): number {
  if (!path) throw new PatchbayError('bad_request', 'Usage: patchbay bundle inspect FILE|DIR');
  try {
    const bundle = openBundlePath(resolve(io.cwd, path));
    printJson(io, { valid: true, manifest: bundle.manifest, summary: summarize(bundle) });
    return 0;
  } catch (e) {
    const error = toErrorPayload(e);
    if (error.code === 'internal') throw e;
    printJson(io, { valid: false, error });
    return 1;
  }
}
