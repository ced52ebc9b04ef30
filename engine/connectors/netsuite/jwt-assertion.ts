import { createPrivateKey, randomUUID, sign, constants, type KeyObject } from 'node:crypto';
import { PatchbayError } from '../../errors/patchbay-error';

// Step 1 of OAuth 2.0 client credentials (reference §1b): a JWT assertion signed with the private
// key whose certificate is mapped in NetSuite. NetSuite accepts PS256/384/512 and ES256/384/512;
// RSA keys sign PS256 (PKCS#1 v1.5 "RS256" was retired by NetSuite), EC keys ES256/384/512 by curve.

export type AssertionAlgorithm = 'PS256' | 'ES256' | 'ES384' | 'ES512';

export const m2mSetupPath = 'Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup';

const stepOne = 'Step 1 of 3 (reading the private key)';

/**
 * A key pasted into a one-line field loses its line breaks; PEM needs them. Rebuild the body
 * between the BEGIN/END lines so a key survives any form it was pasted into.
 */
export function normalizePem(text: string): string {
  const t = text.trim().replace(/\\n/g, '\n');
  const m = /^(-----BEGIN [A-Z0-9 ]+-----)\s*([\s\S]*?)\s*(-----END [A-Z0-9 ]+-----)$/.exec(t);
  if (!m) return t;
  const body = (m[2] ?? '').replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `${m[1]}\n${lines.join('\n')}\n${m[3]}\n`;
}

/** The private key as a KeyObject, or an error saying what was pasted instead. */
export function readPrivateKey(pem: string): KeyObject {
  // A bundle of certificate and key (as some tools export) still carries the key: use that block.
  const keyBlock = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem.replace(/\\n/g, '\n'))?.[0];
  const text = normalizePem(keyBlock ?? pem);
  if (/-----BEGIN CERTIFICATE-----/.test(text)) {
    throw new PatchbayError('invalid_connection', `${stepOne}: the Private key field holds a certificate. Paste the private key (-----BEGIN PRIVATE KEY-----) whose certificate you uploaded in ${m2mSetupPath}.`, { step: 'private_key' });
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) {
    throw new PatchbayError('invalid_connection', `${stepOne}: the private key is encrypted with a passphrase. Export it unencrypted (openssl pkcs8 -topk8 -nocrypt) and paste that.`, { step: 'private_key' });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new PatchbayError('invalid_connection', `${stepOne}: the Private key is not a PEM private key. Paste the whole key including its -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines.`, { step: 'private_key' });
  }
  assertionAlgorithm(key);
  return key;
}

export function assertionAlgorithm(key: KeyObject): AssertionAlgorithm {
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 3072) {
      throw new PatchbayError('invalid_connection', `${stepOne}: the RSA key has ${bits} bits; NetSuite requires at least 3072. Create a new key pair and certificate and map it in ${m2mSetupPath}.`, { step: 'private_key' });
    }
    return 'PS256';
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ES256';
    if (curve === 'secp384r1') return 'ES384';
    if (curve === 'secp521r1') return 'ES512';
  }
  throw new PatchbayError('invalid_connection', `${stepOne}: NetSuite accepts RSA (PS256) or EC P-256/384/521 (ES256/384/512) keys; this is a ${key.asymmetricKeyType ?? 'unknown'} key.`, { step: 'private_key' });
}

export interface AssertionInput {
  readonly clientId: string;
  readonly certificateId: string;
  readonly key: KeyObject;
  /** The token URL; NetSuite checks `aud` against it. */
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly nowSec: number;
  /** NetSuite allows at most 3600 s between iat and exp; the assertion is used at once. */
  readonly lifetimeSec?: number;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

const hashes: Record<AssertionAlgorithm, { hash: string; size: number }> = {
  PS256: { hash: 'sha256', size: 0 },
  ES256: { hash: 'sha256', size: 32 },
  ES384: { hash: 'sha384', size: 48 },
  ES512: { hash: 'sha512', size: 66 },
};

export function buildAssertion(input: AssertionInput): string {
  const alg = assertionAlgorithm(input.key);
  const header = { alg, typ: 'JWT', kid: input.certificateId };
  const payload = {
    iss: input.clientId,
    scope: [...input.scopes],
    aud: input.audience,
    iat: input.nowSec,
    exp: input.nowSec + (input.lifetimeSec ?? 1800),
    jti: randomUUID(),
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const h = hashes[alg];
  const signature =
    alg === 'PS256'
      ? sign(h.hash, Buffer.from(signingInput), { key: input.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
      : // JOSE wants the raw r||s signature, not DER.
        sign(h.hash, Buffer.from(signingInput), { key: input.key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${b64url(signature)}`;
}
