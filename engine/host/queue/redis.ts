import { Redis } from 'ioredis';

// Connections to the operator's Redis. Commands wait through a Redis restart instead of failing
// (maxRetriesPerRequest: null, which BullMQ requires of workers): a run's events and jobs are
// delivered once Redis is back.

export interface RedisTarget {
  readonly url: string;
}

export function redisClient(target: RedisTarget): Redis {
  return new Redis(target.url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** BullMQ's connection options for the same Redis. */
export function bullConnection(target: RedisTarget): { url: string; maxRetriesPerRequest: null } {
  return { url: target.url, maxRetriesPerRequest: null };
}
