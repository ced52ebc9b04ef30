import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Users' passwords: scrypt (memory-hard, in node:crypto) with a random salt per password. The
// stored string carries its cost parameters (`scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`), so the
// cost can be raised later: old hashes still verify with their own parameters and are rehashed
// at the next sign-in (`needsRehash`). Unlike API keys (256 random bits, a SHA-256 digest is
// enough), a password people choose can be guessed from a fast digest, hence the slow hash.

export interface ScryptCost {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/** N = 2^15, r = 8: 32 MiB and some tens of ms per hash, OWASP's floor for scrypt. */
export const PASSWORD_COST: ScryptCost = { logN: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default, which N = 2^15 just exceeds).
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost);
  return `scrypt$${cost.logN}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  const cost = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds keep a tampered row from asking for gigabytes or minutes of work.
  if (cost.logN < 10 || cost.logN > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return null;
  return { cost, salt: Buffer.from(m[4] as string, 'base64url'), hash: Buffer.from(m[5] as string, 'base64url') };
}

/** True when the password is the one hashed; the hashes are compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const given = await derive(password, parsed.salt, parsed.cost);
  return given.length === parsed.hash.length && timingSafeEqual(given, parsed.hash);
}

/** True when a hash was made with a lower cost than `cost`: rehash it once the password is known. */
export function needsRehash(stored: string, cost: ScryptCost = PASSWORD_COST): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.logN < cost.logN || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time a real verification would for a name no user has, so how long a sign-in
 * takes does not tell whether the name exists.
 */
export async function verifyNobody(password: string): Promise<false> {
  decoy ??= hashPassword('a password no one has');
  await verifyPassword(password, await decoy);
  return false;
}
