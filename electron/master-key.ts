import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The secrets master key, wrapped by the OS keychain (Electron safeStorage) and stored wrapped.
 * Returns null where safeStorage is unavailable; the engine then uses its 0600 key file.
 */
export function loadMasterKey(safeStorage: SafeStorageLike, wrappedKeyFile: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (existsSync(wrappedKeyFile)) return safeStorage.decryptString(readFileSync(wrappedKeyFile));
  const key = randomBytes(32).toString('base64');
  mkdirSync(dirname(wrappedKeyFile), { recursive: true });
  writeFileSync(wrappedKeyFile, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}
