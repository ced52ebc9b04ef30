import { createCipheriv, createDecipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { errorCodes, PatchbayError } from '../errors/patchbay-error';

// Secrets travelling from a desktop to a Patchbay server, sealed for the server's X25519 public key
// (ECIES: an ephemeral key pair per value, HKDF-SHA256 over the shared secret, AES-256-GCM with the
// value's context as associated data). Only the server's private key opens them, so neither the
// HTTP bodies nor a proxy's logs ever hold a credential in clear.
//
// Sealed form: `pbs1:` + base64( ephemeral public key, SPKI DER (44) | iv (12) | tag (16) | ciphertext ).

const prefix = 'pbs1:';
const SPKI_BYTES = 44;
const INFO = Buffer.from('patchbay publish v1');

/** A server's public key as it is served (base64 SPKI DER), with a short fingerprint to name it. */
export function fingerprintOf(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

function publicKeyFrom(base64: string): KeyObject {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'x25519') throw new Error('not x25519');
    return key;
  } catch {
    throw new PatchbayError('server_not_patchbay', "The server's public key is not one Patchbay made; check the server URL, then fetch its key again.");
  }
}

function dataKey(shared: Buffer, ephemeral: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeral, INFO, 32));
}

/** Seals one value for the server whose public key (base64 SPKI) is given, bound to `context`. */
export function sealForServer(publicKeyBase64: string, plaintext: string, context: string): string {
  const server = publicKeyFrom(publicKeyBase64);
  const eph = generateKeyPairSync('x25519');
  const ephDer = eph.publicKey.export({ type: 'spki', format: 'der' });
  const key = dataKey(diffieHellman({ privateKey: eph.privateKey, publicKey: server }), ephDer);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  key.fill(0);
  return prefix + Buffer.concat([ephDer, iv, cipher.getAuthTag(), data]).toString('base64');
}

const unreadable = (): PatchbayError => new PatchbayError('publish_sealed_unreadable', errorCodes.publish_sealed_unreadable);

/** Opens a value sealed for this server; a wrong key or any alteration refuses it (publish_sealed_unreadable). */
export function openSealed(privateKey: KeyObject, sealed: string, context: string): string {
  if (!sealed.startsWith(prefix)) throw unreadable();
  const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
  if (raw.length < SPKI_BYTES + 12 + 16) throw unreadable();
  try {
    const ephDer = raw.subarray(0, SPKI_BYTES);
    const eph = createPublicKey({ key: ephDer, format: 'der', type: 'spki' });
    const key = dataKey(diffieHellman({ privateKey, publicKey: eph }), ephDer);
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(SPKI_BYTES, SPKI_BYTES + 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(SPKI_BYTES + 12, SPKI_BYTES + 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(SPKI_BYTES + 28)), decipher.final()]).toString('utf8');
    key.fill(0);
    return plain;
  } catch {
    throw unreadable();
  }
}
