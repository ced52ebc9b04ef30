import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PatchbayError } from '../errors/patchbay-error';
import { fingerprintOf } from './server-seal';

// The key pair a Patchbay server receives published credentials with: an X25519 private key in a
// 0600 PEM file beside the master key, made on first use. Resetting the server (a new data dir)
// makes a new pair, and payloads sealed for the old one are refused.

export interface ServerKeyPair {
  readonly privateKey: KeyObject;
  /** base64 SPKI DER, as served to desktops. */
  readonly publicKey: string;
  readonly fingerprint: string;
}

function pairOf(pem: string, path: string): ServerKeyPair {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new PatchbayError('invalid_key_file', `The server key file ${path} is damaged. Restore it from a backup, or delete it (desktops then fetch the new key and publish again).`, { path });
  }
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

async function readPair(path: string): Promise<ServerKeyPair> {
  const info = await stat(path);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new PatchbayError('insecure_key_file', `The server key file ${path} can be read by other users (mode ${(info.mode & 0o777).toString(8)}). Run "chmod 600 ${path}" and start again.`, { path });
  }
  return pairOf(await readFile(path, 'utf8'), path);
}

/** Reads the server's key pair from `path`, creating it (0600, never overwriting) when missing. */
export async function loadServerKey(path: string): Promise<ServerKeyPair> {
  try {
    return await readPair(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('x25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(pem);
    } finally {
      await handle.close();
    }
    await chmod(path, 0o600);
    return pairOf(pem, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readPair(path);
    throw e;
  }
}
