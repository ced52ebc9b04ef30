import { isPatchbayError, PatchbayError } from '../../errors/patchbay-error';

// Turns the OS errors a starting engine meets into contract codes whose messages say what to do;
// the desktop window and `patchbay serve` both show these.
const unwritable = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC']);

export function toStartError(e: unknown, where: { readonly dataDir: string; readonly port: number }): unknown {
  if (isPatchbayError(e)) return e;
  const err = e as NodeJS.ErrnoException & { syscall?: string };
  if (err?.code === 'EADDRINUSE') {
    return new PatchbayError('port_in_use', `Port ${where.port} on 127.0.0.1 is already in use. Close the program using it, or start Patchbay on another port (--port, or PATCHBAY_PORT for the desktop app).`, { port: where.port });
  }
  if (err?.code && unwritable.has(err.code)) {
    return new PatchbayError('data_dir_unwritable', `Patchbay cannot write to its data folder ${where.dataDir} (${err.code}). Make it writable by you, or choose another folder with --data-dir (PATCHBAY_DATA_DIR for the desktop app).`, { dataDir: where.dataDir, errno: err.code });
  }
  // better-sqlite3 reports an unwritable folder as SQLITE_CANTOPEN / SQLITE_READONLY.
  if (typeof err?.code === 'string' && /^SQLITE_(CANTOPEN|READONLY)/.test(err.code)) {
    return new PatchbayError('data_dir_unwritable', `Patchbay cannot open its database in ${where.dataDir} (${err.code}). Make the folder writable by you, or choose another one.`, { dataDir: where.dataDir, errno: err.code });
  }
  return e;
}
