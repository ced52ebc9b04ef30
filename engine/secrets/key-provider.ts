import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PatchbayError } from '../errors/patchbay-error';

// Where the master key (the key-encryption key) comes from. The desktop app implements this with
// Electron's safeStorage (OS keychain); headless hosts use a 0600 key file in the data dir.

export interface KeyProvider {
  /** Shown in diagnostics, e.g. "key file ~/.patchbay/master.key" or "Electron safeStorage". */
  readonly description: string;
  /** The 32-byte master key; created on first use. */
  loadKey(): Promise<Uint8Array>;
}

export const masterKeyBytes = 32;

/** A fixed key held in memory (tests, and hosts that derive the key themselves). */
export function staticKeyProvider(key: Uint8Array, description = 'in-memory key'): KeyProvider {
  if (key.length !== masterKeyBytes) throw new RangeError(`the master key must be ${masterKeyBytes} bytes`);
  return { description, loadKey: async () => key };
}

/**
 * A key file readable only by its owner. Created with 0600 inside a 0700 directory if missing;
 * refused if it has become readable by others, because then it protects nothing.
 */
export function fileKeyProvider(path: string): KeyProvider {
  return {
    description: `key file ${path}`,
    async loadKey() {
      const existing = await readKeyIfPresent(path);
      if (existing) return existing;
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const key = randomBytes(masterKeyBytes);
      try {
        // 'wx': never overwrite a key another process created a moment ago.
        const handle = await open(path, 'wx', 0o600);
        try {
          await handle.writeFile(`${key.toString('base64')}\n`);
        } finally {
          await handle.close();
        }
        await chmod(path, 0o600);
        return key;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
        throw e;
      }
    },
  };
}

/**
 * A key file that must already exist: a process that only uses a key another one made (a queue
 * worker decrypting the server's connections) never makes its own, or it would hold a key that
 * opens nothing and fail every run that needs a connection. `fix` says how to put the key there.
 */
export function existingKeyFileProvider(path: string, fix: string): KeyProvider {
  return {
    description: `key file ${path}`,
    async loadKey() {
      const existing = await readKeyIfPresent(path);
      if (existing) return existing;
      throw new PatchbayError('secrets_key_missing', `There is no secrets key at ${path}. ${fix}`, { path });
    },
  };
}

async function readKeyFile(path: string): Promise<Uint8Array> {
  const info = await stat(path);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new PatchbayError(
      'insecure_key_file',
      `The secrets key file ${path} can be read by other users (mode ${(info.mode & 0o777).toString(8)}). Run "chmod 600 ${path}" and start again.`,
      { path },
    );
  }
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  if (key.length !== masterKeyBytes) {
    throw new PatchbayError('invalid_key_file', `The secrets key file ${path} is damaged (expected ${masterKeyBytes} bytes). Restore it from a backup; without it saved credentials cannot be read.`, { path });
  }
  return key;
}

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The key in a key file, or null when there is no file (any other failure is thrown). */
async function readKeyIfPresent(path: string): Promise<Uint8Array | null> {
  try {
    return await readKeyFile(path);
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}
