import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// API keys: `pb_<12 hex>_<43 base64url>`. The first part is public (listed, used to find the row);
// the second is 256 random bits. Only SHA-256(key) is stored. A slow hash (bcrypt, scrypt) exists
// to make guessing a low-entropy password from its digest expensive; nobody can search 2^256 keys
// from a SHA-256 digest, while a slow hash would spend ~50 ms of CPU on every API request, which
// on a small server is itself a denial-of-service lever.

const FORMAT = /^(pb_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  readonly prefix: string;
  readonly key: string;
  readonly hash: string;
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(): NewApiKey {
  const prefix = `pb_${randomBytes(6).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, key, hash: digest(key) };
}

/** The public prefix of something shaped like a key; null for anything else (never looked up). */
export function apiKeyPrefix(key: string): string | null {
  return FORMAT.exec(key)?.[1] ?? null;
}

/** Compares a presented key with a stored digest in time independent of where they differ. */
export function matchesDigest(key: string, storedHash: string): boolean {
  const given = Buffer.from(digest(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A browser session's token (the cookie's value): 256 random bits; stored as its digest. */
export function generateSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: digest(token) };
}
