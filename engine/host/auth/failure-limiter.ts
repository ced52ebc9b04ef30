// Slows down guessing: an address may fail to authenticate a few times; after that each further
// failure locks it out for twice as long as the one before (30 s, 1 min, 2 min … at most 15 min).
// A success clears its record. Kept in memory: a restart forgets, which costs an attacker nothing
// they could use against 256-bit keys, and the map is bounded so it cannot exhaust memory.

const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 15 * 60_000;
const MAX_ADDRESSES = 10_000;

interface Record_ { failures: number; lockedUntil: number; lastFailure: number }

export class FailureLimiter {
  private readonly byAddress = new Map<string, Record_>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds the address must still wait before it may try again; 0 when it may. */
  retryAfter(address: string): number {
    const r = this.byAddress.get(address);
    if (!r) return 0;
    const wait = r.lockedUntil - this.now();
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    let r = this.byAddress.get(address);
    if (!r || now - r.lastFailure > FORGET_AFTER_MS) r = { failures: 0, lockedUntil: 0, lastFailure: now };
    r.failures += 1;
    r.lastFailure = now;
    if (r.failures > FREE_FAILURES) r.lockedUntil = now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (r.failures - FREE_FAILURES - 1));
    this.byAddress.delete(address);
    this.byAddress.set(address, r);
    if (this.byAddress.size > MAX_ADDRESSES) this.forgetOldest();
  }

  succeeded(address: string): void {
    this.byAddress.delete(address);
  }

  private forgetOldest(): void {
    // Map iteration follows insertion order and `failed` re-inserts, so the first is the stalest.
    const first = this.byAddress.keys().next();
    if (!first.done) this.byAddress.delete(first.value);
  }
}
