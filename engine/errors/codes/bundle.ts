// Codes of workflow bundles (engine/bundle), part of the one error table. Every refusal names the
// file it is about (in the message and in `details.entry`) and writes nothing.
export const bundleErrorCodes = {
  bundle_empty: 'The bundle file is empty; export it again or choose the right file.',
  bundle_duplicate_entry: 'The bundle holds two files of the same name; it was altered. Export it again.',
  bundle_not_canonical: 'A bundle file is not in canonical form (sorted keys, 2-space indent, final newline, no BOM); run `patchbay bundle pack DIR --rehash` after editing by hand.',
  bundle_checksum_mismatch: 'A bundle file does not match the size or sha256 its manifest lists; it was edited. Run `patchbay bundle pack DIR --rehash` if the edit is intended.',
  bundle_extra_file: 'The bundle holds a file its manifest does not list; remove it, or rehash on purpose.',
  bundle_missing_file: 'A file the manifest lists is missing from the bundle; restore it (e.g. from git) or export again.',
  bundle_newer_format: 'The bundle was made by a newer Patchbay; update Patchbay to import it.',
  bundle_conflict: 'Some of the bundle conflicts with what is here; see the list, or import it as a copy.',
} as const;
