import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PatchbayError } from '../errors/patchbay-error';
import { masterKeyBytes, type KeyProvider } from './key-provider';

// Envelope encryption with AES-256-GCM: each value gets a fresh data key, which is itself sealed
// with the master key. The context (e.g. `connection:<id>:tokenSecret`) is bound as associated
// data, so a ciphertext copied into another row or field fails to open.
//
// Stored form: `pb1:` + base64( wrapIv(12) wrapTag(16) wrappedKey(32) iv(12) tag(16) ciphertext ).

const prefix = 'pb1:';

function seal(key: Uint8Array, plain: Uint8Array, aad: Buffer): { iv: Buffer; tag: Buffer; data: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

function open(key: Uint8Array, iv: Buffer, tag: Buffer, data: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

export class SecretBox {
  private constructor(private readonly masterKey: Uint8Array) {}

  static async open(provider: KeyProvider): Promise<SecretBox> {
    const key = await provider.loadKey();
    if (key.length !== masterKeyBytes) throw new PatchbayError('invalid_key', 'The secrets master key has the wrong length.');
    return new SecretBox(key);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(prefix);
  }

  encrypt(plaintext: string, context: string): string {
    const aad = Buffer.from(context, 'utf8');
    const dataKey = randomBytes(32);
    const body = seal(dataKey, Buffer.from(plaintext, 'utf8'), aad);
    const wrapped = seal(this.masterKey, dataKey, aad);
    dataKey.fill(0);
    return prefix + Buffer.concat([wrapped.iv, wrapped.tag, wrapped.data, body.iv, body.tag, body.data]).toString('base64');
  }

  decrypt(sealed: string, context: string): string {
    if (!sealed.startsWith(prefix)) throw new PatchbayError('secret_unreadable', 'A stored secret is not in a format this Patchbay can read.');
    const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
    if (raw.length < 12 + 16 + 32 + 12 + 16) throw new PatchbayError('secret_unreadable', 'A stored secret is damaged; enter the credential again.');
    const aad = Buffer.from(context, 'utf8');
    try {
      const dataKey = open(this.masterKey, raw.subarray(0, 12), raw.subarray(12, 28), raw.subarray(28, 60), aad);
      const plain = open(dataKey, raw.subarray(60, 72), raw.subarray(72, 88), raw.subarray(88), aad);
      dataKey.fill(0);
      return plain.toString('utf8');
    } catch {
      throw new PatchbayError(
        'secret_unreadable',
        'A stored secret could not be decrypted: the key file or keychain entry differs from the one it was saved with. Enter the credential again.',
      );
    }
  }
}
