import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-engine';
import { loadServerKey } from './server-key';
import { openSealed, sealForServer } from './server-seal';

// The server's key pair for published secrets: made once into the data dir (0600), the same across
// restarts, and a new one after a reset, which no longer opens what was sealed for the old one.

describe('a server key pair', () => {
  it('is made once, kept 0600, and opens only what was sealed for it, for the same connection field', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.path, 'server-key.pem');
      const key = await loadServerKey(path);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect((await loadServerKey(path)).fingerprint).toBe(key.fingerprint);

      const sealed = sealForServer(key.publicKey, 'token-secret-123', 'publish:connection:c1:tokenSecret');
      expect(sealed).not.toContain('token-secret-123');
      expect(openSealed(key.privateKey, sealed, 'publish:connection:c1:tokenSecret')).toBe('token-secret-123');
      // Moved to another connection's field, it does not open.
      expect(() => openSealed(key.privateKey, sealed, 'publish:connection:c2:tokenSecret')).toThrow(expect.objectContaining({ code: 'publish_sealed_unreadable' }));

      rmSync(path);
      const reset = await loadServerKey(path);
      expect(reset.fingerprint).not.toBe(key.fingerprint);
      expect(() => openSealed(reset.privateKey, sealed, 'publish:connection:c1:tokenSecret')).toThrow(/fetch the server's key again and publish again/);
    } finally {
      dir.remove();
    }
  });
});
