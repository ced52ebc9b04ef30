import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../engine/testing/temp-engine';
import { loadMasterKey, type SafeStorageLike } from './master-key';

// A reversible stand-in for the OS keychain (Electron cannot run here); the file must hold only
// the wrapped form, and the same key must come back on the next start.
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`wrapped:${Buffer.from(plain).toString('hex')}`),
  decryptString: (enc) => Buffer.from(enc.toString().replace('wrapped:', ''), 'hex').toString(),
};

describe('master key under safeStorage', () => {
  it('creates a 32-byte key once, stores it only wrapped and 0600, and reuses it', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'secrets.key.safe');
      const key = loadMasterKey(fakeSafeStorage, file) as string;
      expect(Buffer.from(key, 'base64')).toHaveLength(32);
      expect(readFileSync(file, 'utf8')).not.toContain(key);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadMasterKey(fakeSafeStorage, file)).toBe(key);
    } finally {
      dir.remove();
    }
  });

  it('falls back to the engine key file when the keychain is unavailable', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'secrets.key.safe');
      expect(loadMasterKey({ ...fakeSafeStorage, isEncryptionAvailable: () => false }, file)).toBeNull();
      expect(existsSync(file)).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
