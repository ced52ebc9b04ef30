import { expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter';

it('lets an address fail five times, then locks it out for twice as long after each further failure', () => {
  let now = 0;
  const limiter = new FailureLimiter(() => now);
  for (let i = 0; i < 5; i++) limiter.failed('203.0.113.7');
  expect(limiter.retryAfter('203.0.113.7')).toBe(0);
  limiter.failed('203.0.113.7');
  expect(limiter.retryAfter('203.0.113.7')).toBe(30);
  expect(limiter.retryAfter('198.51.100.1')).toBe(0);
  now += 30_000;
  expect(limiter.retryAfter('203.0.113.7')).toBe(0);
  limiter.failed('203.0.113.7');
  expect(limiter.retryAfter('203.0.113.7')).toBe(60);
  for (let i = 0; i < 10; i++) limiter.failed('203.0.113.7');
  expect(limiter.retryAfter('203.0.113.7')).toBe(15 * 60);
});

it('forgets an address after a success, or a quiet quarter of an hour', () => {
  let now = 0;
  const limiter = new FailureLimiter(() => now);
  for (let i = 0; i < 6; i++) limiter.failed('a');
  limiter.succeeded('a');
  expect(limiter.retryAfter('a')).toBe(0);
  for (let i = 0; i < 5; i++) limiter.failed('b');
  now += 16 * 60_000;
  limiter.failed('b');
  expect(limiter.retryAfter('b')).toBe(0);
});
