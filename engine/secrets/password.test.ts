import { describe, expect, it, vi } from 'vitest';
import { hashPassword, needsRehash, PASSWORD_COST, verifyPassword } from './password';

// timingSafeEqual is watched (not replaced) to prove hashes are compared in constant time.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const { timingSafeEqual } = await import('node:crypto');

const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('carry scrypt, their cost and a salt of their own, and never the password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(new RegExp(`^scrypt\\$${PASSWORD_COST.logN}\\$${PASSWORD_COST.r}\\$${PASSWORD_COST.p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    // Two users with the same password get different hashes: a stolen table shows no pairs.
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  it('verify the right password in constant time and refuse a wrong, a near or a differently normalised one', async () => {
    const stored = await hashPassword('Crème brûlée 2026', CHEAP);
    vi.mocked(timingSafeEqual).mockClear();
    expect(await verifyPassword('Crème brûlée 2026', stored)).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    expect(await verifyPassword('Crème brûlée 2027', stored)).toBe(false);
    expect(await verifyPassword('crème brûlée 2026', stored)).toBe(false);
    // The same text typed with combining accents (NFD) is the same password.
    expect(await verifyPassword('Crème brûlée 2026'.normalize('NFD'), stored)).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(4);
  });

  it('verify with the cost stored in the hash, so raising the cost later keeps old hashes valid and marks them for rehashing', async () => {
    const old = await hashPassword('a long enough passphrase', CHEAP);
    expect(await verifyPassword('a long enough passphrase', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('a long enough passphrase'))).toBe(false);
  });

  it('refuse a malformed or tampered hash (a cost asking for gigabytes) instead of computing it', async () => {
    const stored = await hashPassword('a long enough passphrase', CHEAP);
    expect(await verifyPassword('a long enough passphrase', stored.replace(/^scrypt\$10\$/, 'scrypt$30$'))).toBe(false);
    expect(await verifyPassword('a long enough passphrase', 'not a hash')).toBe(false);
    expect(await verifyPassword('a long enough passphrase', stored.slice(0, -2))).toBe(false);
  });
});
