import { Redis } from 'ioredis';
import { PatchbayError } from '../../errors/patchbay-error';

// Connections to the operator's Redis. Commands wait through a Redis restart instead of failing
// (maxRetriesPerRequest: null, which BullMQ requires of workers): a run's events and jobs are
// delivered once Redis is back.

export interface RedisTarget {
  readonly url: string;
}

/** While Redis is away every client tries to reconnect this often (told once: redis-outage.ts). */
export const REDIS_RETRY_MS = 1000;
const retryStrategy = (): number => REDIS_RETRY_MS;

export function redisClient(target: RedisTarget): Redis {
  return new Redis(target.url, { maxRetriesPerRequest: null, lazyConnect: false, retryStrategy });
}

/** BullMQ's connection options for the same Redis. */
export function bullConnection(target: RedisTarget): { url: string; maxRetriesPerRequest: null; retryStrategy: () => number } {
  return { url: target.url, maxRetriesPerRequest: null, retryStrategy };
}

/** The URL as it may be shown: without a user name or password. */
export function shownRedisUrl(target: RedisTarget): string {
  return target.url.replace(/\/\/[^@/]*@/, '//');
}

/**
 * Refuses credentials Redis rejects before a worker starts: otherwise every connection would
 * retry them forever. One attempt, no retries; a Redis that is down is not refused here (the
 * worker waits for it, as it waits through a restart).
 */
export async function checkRedisCredentials(target: RedisTarget): Promise<void> {
  const probe = new Redis(target.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  // A refused AUTH arrives as an error event; connect() then only says the connection closed.
  let refusal = '';
  probe.on('error', (e: Error) => void (refusal ||= e.message));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    const reason = refusal || (e instanceof Error ? e.message : String(e));
    const where = shownRedisUrl(target);
    const fix = 'Put the password Redis expects in the URL, redis://:PASSWORD@HOST:6379 (with an ACL user, redis://USER:PASSWORD@HOST:6379), and start again.';
    if (/NOAUTH/.test(reason)) throw new PatchbayError('redis_auth_failed', `Redis at ${where} needs a password and --redis gives none. ${fix}`);
    if (/WRONGPASS|invalid password|invalid username-password/i.test(reason)) throw new PatchbayError('redis_auth_failed', `Redis at ${where} refused the user name or password in --redis. ${fix}`);
  } finally {
    probe.disconnect();
  }
}
